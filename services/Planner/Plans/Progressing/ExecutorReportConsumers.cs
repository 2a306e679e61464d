using Marten;
using MassTransit;
using Orchestrator.Contracts.Execution;
using Orchestrator.Eventing;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>
/// Applies one Executor report to its plan stream in the consumer's transaction, holding the plan's turn
/// until it is saved. A write to the same plan from another process fails the whole transaction, and the
/// bus retries the message.
/// </summary>
public abstract class ExecutorReportConsumer<TMessage>(IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger logger)
    : IdempotentConsumer<TMessage>(store, logger) where TMessage : class
{
    protected override Guid? StreamOf(TMessage message) => Read(message).PlanId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<TMessage> context)
    {
        var (planId, progress) = Read(context.Message);
        var write = await new PlanWriter(session, clock, gate).AppendAsync(planId, null, plan => TaskProgressDecision.Decide(plan, progress), context.CancellationToken);
        if (write.Problem is { } problem)
        {
            Logger.LogWarning("{Report} for task {TaskId} of plan {PlanId} changed nothing: {Problem}", typeof(TMessage).Name, progress.TaskId, planId, problem.ProblemDetails.Detail);
        }
    }

    protected abstract (Guid PlanId, TaskProgress Progress) Read(TMessage message);
}

public sealed class TaskStartedConsumer(IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger<TaskStartedConsumer> logger)
    : ExecutorReportConsumer<TaskStartedIntegrationEvent>(store, clock, gate, logger)
{
    protected override (Guid, TaskProgress) Read(TaskStartedIntegrationEvent m) => (m.PlanId, new TaskProgress.Started(m.TaskId, m.Attempt, m.WaitingForPerson, m.At));
}

public sealed class TaskInputRequestedConsumer(IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger<TaskInputRequestedConsumer> logger)
    : ExecutorReportConsumer<TaskInputRequestedIntegrationEvent>(store, clock, gate, logger)
{
    protected override (Guid, TaskProgress) Read(TaskInputRequestedIntegrationEvent m) => (m.PlanId, new TaskProgress.InputRequested(m.TaskId, m.Question, m.At));
}

public sealed class TaskResumedConsumer(IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger<TaskResumedConsumer> logger)
    : ExecutorReportConsumer<TaskResumedIntegrationEvent>(store, clock, gate, logger)
{
    protected override (Guid, TaskProgress) Read(TaskResumedIntegrationEvent m) => (m.PlanId, new TaskProgress.Resumed(m.TaskId, m.At));
}

public sealed class TaskCompletedConsumer(IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger<TaskCompletedConsumer> logger)
    : ExecutorReportConsumer<TaskCompletedIntegrationEvent>(store, clock, gate, logger)
{
    protected override (Guid, TaskProgress) Read(TaskCompletedIntegrationEvent m) => (m.PlanId, new TaskProgress.Completed(m.TaskId, m.Summary, m.Result, m.At));
}

public sealed class TaskFailedConsumer(IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger<TaskFailedConsumer> logger)
    : ExecutorReportConsumer<TaskFailedIntegrationEvent>(store, clock, gate, logger)
{
    protected override (Guid, TaskProgress) Read(TaskFailedIntegrationEvent m) => (m.PlanId, new TaskProgress.Failed(m.TaskId, m.Reason, m.At));
}

public sealed class TaskRetryRequestedConsumer(IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger<TaskRetryRequestedConsumer> logger)
    : ExecutorReportConsumer<TaskRetryRequestedIntegrationEvent>(store, clock, gate, logger)
{
    protected override (Guid, TaskProgress) Read(TaskRetryRequestedIntegrationEvent m) => (m.PlanId, new TaskProgress.RetryRequested(m.TaskId, m.At));
}

public sealed class TaskExecutionCancelledConsumer(IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger<TaskExecutionCancelledConsumer> logger)
    : ExecutorReportConsumer<TaskExecutionCancelledIntegrationEvent>(store, clock, gate, logger)
{
    protected override (Guid, TaskProgress) Read(TaskExecutionCancelledIntegrationEvent m) => (m.PlanId, new TaskProgress.Cancelled(m.TaskId, m.Reason, m.At));
}
