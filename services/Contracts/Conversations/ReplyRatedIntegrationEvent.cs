namespace Orchestrator.Contracts.Conversations;

/// <summary>
/// The person set or cleared (<paramref name="Verdict"/> null) their thumbs on a reply: <c>up</c> or <c>down</c>.
/// <paramref name="PromptVersionId"/> produced the reply (null when unknown); <paramref name="Change"/> counts this
/// reply's settings and clearings from 1, so a consumer can tell the first verdict from a change of mind.
/// </summary>
public sealed record ReplyRatedIntegrationEvent(
    Guid ConversationId, Guid TaskId, Guid PlanId, Guid MessageId, string? PromptVersionId, string? Verdict, int Change, DateTimeOffset At);
