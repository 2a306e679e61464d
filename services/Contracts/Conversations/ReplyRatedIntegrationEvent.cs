namespace Orchestrator.Contracts.Conversations;

/// <summary>
/// The person set or cleared (<paramref name="Verdict"/> null) their thumbs on a reply: <c>up</c> or <c>down</c>.
/// <paramref name="PromptVersionId"/> produced the reply (null when unknown); <paramref name="PreviousVerdict"/> is the last
/// verdict they gave it before (null the first time), so a change of mind revises the version's outcome instead of adding one.
/// </summary>
public sealed record ReplyRatedIntegrationEvent(
    Guid ConversationId, Guid TaskId, Guid PlanId, Guid MessageId, string? PromptVersionId, string? Verdict, string? PreviousVerdict, DateTimeOffset At);
