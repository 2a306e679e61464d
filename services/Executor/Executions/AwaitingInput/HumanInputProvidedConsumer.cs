using Marten;
using MassTransit;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Eventing;

namespace Orchestrator.Executor.Executions.AwaitingInput;

/// <summary>The person answered a hybrid task's question: the task resumes with its next turn.</summary>
public sealed class HumanInputProvidedConsumer(IDocumentStore store, TimeProvider clock, ILogger<HumanInputProvidedConsumer> logger)
    : IdempotentConsumer<HumanInputProvidedIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(HumanInputProvidedIntegrationEvent message) => message.TaskId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<HumanInputProvidedIntegrationEvent> context)
    {
        var input = context.Message;
        var events = await ExecutionStream.AppendAsync(session, input.TaskId,
            state => state is null ? [] : ExecutionDecisions.InputProvided(state, input, Guid.NewGuid(), clock.GetUtcNow()),
            context.CancellationToken);
        if (events.Count == 0)
        {
            logger.LogInformation("Input for task {TaskId} ignored: it does not wait for input", input.TaskId);
        }
    }
}
