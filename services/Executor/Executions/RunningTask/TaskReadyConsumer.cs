using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;
using Orchestrator.Executor.Executions.Scheduling;

namespace Orchestrator.Executor.Executions.RunningTask;

/// <summary>
/// Queues a readied task's attempt. Executor instances compete for the <c>executor-task-ready</c> queue;
/// the scheduler then starts queued attempts within the global and per-plan limits. A redelivery of an
/// attempt already queued changes nothing (stream state), and the message id guards the rest.
/// </summary>
public sealed class TaskReadyConsumer(IDocumentStore store, TimeProvider clock, SchedulerSignal signal, ILogger<TaskReadyConsumer> logger)
    : IdempotentConsumer<TaskReadyIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(TaskReadyIntegrationEvent message) => message.TaskId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<TaskReadyIntegrationEvent> context)
    {
        var ready = context.Message;
        var events = await ExecutionStream.AppendAsync(session, ready.TaskId, state => ExecutionDecisions.Ready(state, ready, clock.GetUtcNow()), context.CancellationToken);
        if (events.Count == 0)
        {
            logger.LogInformation("Attempt {Attempt} of task {TaskId} is already known; ready message ignored", ready.Attempt, ready.TaskId);
            return;
        }

        session.Listeners.Add(signal.AfterCommit);
    }
}

/// <summary>Limits how many "task ready" messages one instance handles at once.</summary>
public sealed class TaskReadyConsumerDefinition : ConsumerDefinition<TaskReadyConsumer>
{
    private readonly ExecutorSettings _settings;

    public TaskReadyConsumerDefinition(ExecutorSettings settings)
    {
        _settings = settings;
        ConcurrentMessageLimit = settings.MaxConcurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TaskReadyConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = Math.Max(_settings.MaxConcurrency, 16);
    }
}
