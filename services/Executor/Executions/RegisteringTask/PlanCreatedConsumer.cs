using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;

namespace Orchestrator.Executor.Executions.RegisteringTask;

/// <summary>Registers the root task of a new plan so its execution can be tracked from the start.</summary>
public sealed class PlanCreatedConsumer(IDocumentStore store, ILogger<PlanCreatedConsumer> logger)
    : IdempotentConsumer<PlanCreatedIntegrationEvent>(store, logger)
{
    protected override Task HandleAsync(IDocumentSession session, ConsumeContext<PlanCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        session.Events.StartStream<Execution>(message.RootTaskId, new ExecutionRegistered(message.RootTaskId, message.PlanId, message.At));
        return Task.CompletedTask;
    }
}
