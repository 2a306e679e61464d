using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations.Context;

namespace Orchestrator.Conversation.Conversations.RunningTurn;

/// <summary>
/// Stops the turns a cancelled task has running in this instance; stopping twice is harmless, so no idempotency record is kept.
/// Every instance hears every cancellation (<see cref="TaskCancelledConsumerDefinition"/>): the turn runs in whichever instance took it.
/// </summary>
public sealed class TaskCancelledConsumer(ActiveTurns active, ILogger<TaskCancelledConsumer> logger) : IConsumer<TaskCancelledIntegrationEvent>
{
    public Task Consume(ConsumeContext<TaskCancelledIntegrationEvent> context)
    {
        var stopped = active.StopTask(context.Message.TaskId);
        if (stopped > 0)
        {
            logger.LogInformation("Stopped {Count} running turn(s) of cancelled task {TaskId}", stopped, context.Message.TaskId);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Gives each instance its own temporary queue for cancellations instead of one queue the instances compete on,
/// where a cancellation would reach only one of them and miss a turn running in another.
/// </summary>
public sealed class TaskCancelledConsumerDefinition : ConsumerDefinition<TaskCancelledConsumer>
{
    public TaskCancelledConsumerDefinition()
    {
        Endpoint(endpoint =>
        {
            endpoint.InstanceId = Guid.NewGuid().ToString("N")[..12];
            endpoint.Temporary = true;
        });
    }
}
