namespace Orchestrator.Contracts.Planning;

/// <summary>A plan was created from a person's request; its root task has its own conversation.</summary>
public sealed record PlanCreatedIntegrationEvent(
    Guid PlanId,
    string Title,
    string Request,
    Guid RootTaskId,
    Guid RootConversationId,
    DateTimeOffset At);
