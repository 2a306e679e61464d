using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;

namespace Orchestrator.PromptAnalytics.Subjects;

/// <summary>Registers a new plan as a subject whose outcomes will be scored.</summary>
public sealed class PlanCreatedConsumer(IDocumentStore store, ILogger<PlanCreatedConsumer> logger)
    : IdempotentConsumer<PlanCreatedIntegrationEvent>(store, logger)
{
    protected override Task HandleAsync(IDocumentSession session, ConsumeContext<PlanCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        session.Events.StartStream<Subject>(message.PlanId, new SubjectRegistered(message.PlanId, "plan", message.Title, message.At));
        return Task.CompletedTask;
    }
}
