using MassTransit;
using Orchestrator.Contracts.Execution;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>
/// Records one Executor report on its plan, once per message id: the <see cref="PlanReportBatcher"/>
/// commits it together with the other reports waiting for the same plan. A failed commit throws, and
/// the bus retries the message.
/// </summary>
public abstract class ExecutorReportConsumer<TMessage>(PlanReportBatcher batcher) : IConsumer<TMessage> where TMessage : class
{
    public Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        var (planId, progress) = Read(context.Message);
        return batcher.ApplyAsync(planId, GetType().FullName ?? GetType().Name, typeof(TMessage).Name, messageId, progress, context.CancellationToken);
    }

    protected abstract (Guid PlanId, TaskProgress Progress) Read(TMessage message);
}

public sealed class TaskStartedConsumer(PlanReportBatcher batcher)
    : ExecutorReportConsumer<TaskStartedIntegrationEvent>(batcher)
{
    protected override (Guid, TaskProgress) Read(TaskStartedIntegrationEvent m) => (m.PlanId, new TaskProgress.Started(m.TaskId, m.Attempt, m.WaitingForPerson, m.At));
}

public sealed class TaskInputRequestedConsumer(PlanReportBatcher batcher)
    : ExecutorReportConsumer<TaskInputRequestedIntegrationEvent>(batcher)
{
    protected override (Guid, TaskProgress) Read(TaskInputRequestedIntegrationEvent m) => (m.PlanId, new TaskProgress.InputRequested(m.TaskId, m.Question, m.At));
}

public sealed class TaskResumedConsumer(PlanReportBatcher batcher)
    : ExecutorReportConsumer<TaskResumedIntegrationEvent>(batcher)
{
    protected override (Guid, TaskProgress) Read(TaskResumedIntegrationEvent m) => (m.PlanId, new TaskProgress.Resumed(m.TaskId, m.At));
}

public sealed class TaskCompletedConsumer(PlanReportBatcher batcher)
    : ExecutorReportConsumer<TaskCompletedIntegrationEvent>(batcher)
{
    protected override (Guid, TaskProgress) Read(TaskCompletedIntegrationEvent m) => (m.PlanId, new TaskProgress.Completed(m.TaskId, m.Summary, m.Result, m.At, m.Tokens, m.CostUsd));
}

public sealed class TaskFailedConsumer(PlanReportBatcher batcher)
    : ExecutorReportConsumer<TaskFailedIntegrationEvent>(batcher)
{
    protected override (Guid, TaskProgress) Read(TaskFailedIntegrationEvent m) => (m.PlanId, new TaskProgress.Failed(m.TaskId, m.Reason, m.At, m.Tokens, m.CostUsd));
}

public sealed class TaskRetryRequestedConsumer(PlanReportBatcher batcher)
    : ExecutorReportConsumer<TaskRetryRequestedIntegrationEvent>(batcher)
{
    protected override (Guid, TaskProgress) Read(TaskRetryRequestedIntegrationEvent m) => (m.PlanId, new TaskProgress.RetryRequested(m.TaskId, m.At));
}

public sealed class TaskExecutionCancelledConsumer(PlanReportBatcher batcher)
    : ExecutorReportConsumer<TaskExecutionCancelledIntegrationEvent>(batcher)
{
    protected override (Guid, TaskProgress) Read(TaskExecutionCancelledIntegrationEvent m) => (m.PlanId, new TaskProgress.Cancelled(m.TaskId, m.Reason, m.At));
}
