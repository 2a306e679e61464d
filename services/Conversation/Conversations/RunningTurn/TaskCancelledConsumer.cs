using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations.Context;

namespace Orchestrator.Conversation.Conversations.RunningTurn;

/// <summary>Stops the turns a cancelled task has running in this instance; stopping twice is harmless, so no idempotency record is kept.</summary>
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
