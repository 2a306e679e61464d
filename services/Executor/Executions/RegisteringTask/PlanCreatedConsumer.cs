using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;

namespace Orchestrator.Executor.Executions.RegisteringTask;

/// <summary>Registers the root task of a new plan so its execution can be tracked from the start.</summary>
public sealed class PlanCreatedConsumer(IDocumentStore store, ILogger<PlanCreatedConsumer> logger)
    : IdempotentConsumer<PlanCreatedIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(PlanCreatedIntegrationEvent message) => message.RootTaskId;

    protected override Task HandleAsync(IDocumentSession session, ConsumeContext<PlanCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        // A "task ready" that overtook this message already registered the task.
        return ExecutionStream.AppendAsync(session, message.RootTaskId,
            state => state is null ? [new ExecutionRegistered(message.RootTaskId, message.PlanId, message.At)] : [],
            context.CancellationToken);
    }
}
