namespace Orchestrator.Contracts.Conversations;

/// <summary>The person answered a conversation that waited for input; the Executor resumes the task.</summary>
public sealed record HumanInputProvidedIntegrationEvent(Guid ConversationId, Guid TaskId, Guid PlanId, string Answer, DateTimeOffset At);
