using Marten;
using Orchestrator.Contracts.Conversations;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Outcomes.Scoring;

/// <summary>
/// A person's thumbs on a reply: a success on <see cref="OutcomeMetrics.Rating"/> when up, a failure when down, for the
/// prompt version that produced the reply, with the plan as subject (the subject the version was resolved for).
/// Outcomes are immutable, so only the reply's first verdict counts: a later change of mind or a clearing changes what
/// the chat shows but is not scored again, and the outcome id, derived from the reply's id, keeps it to one outcome per reply.
/// </summary>
public sealed class ReplyRatedConsumer(IDocumentStore store, ILogger<ReplyRatedConsumer> logger) : OutcomeConsumer<ReplyRatedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(ReplyRatedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Change != 1 || message.Verdict is null || message.PromptVersionId is null)
        {
            yield break;
        }

        yield return new Observation(OutcomeIdOf(message.MessageId), message.PlanId, null, message.PromptVersionId,
            OutcomeMetrics.Rating, message.Verdict == "up", null, null, null, "reply-rated", message.At);
    }

    /// <summary>The id of the one outcome a reply can have.</summary>
    public static Guid OutcomeIdOf(Guid replyId) => TemplateIds.DeterministicGuid($"reply-rating/{replyId:N}");
}
