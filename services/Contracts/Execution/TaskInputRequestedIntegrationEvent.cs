namespace Orchestrator.Contracts.Execution;

/// <summary>A hybrid task asked the person a question and waits for the answer in its conversation.</summary>
public sealed record TaskInputRequestedIntegrationEvent(Guid PlanId, Guid TaskId, Guid ConversationId, string Question, DateTimeOffset At);
