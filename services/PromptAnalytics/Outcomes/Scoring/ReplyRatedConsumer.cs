using Marten;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Eventing;

namespace Orchestrator.PromptAnalytics.Outcomes.Scoring;

/// <summary>
/// A person's thumbs on a reply: an outcome on <see cref="OutcomeMetrics.Rating"/> of the prompt version that produced the reply,
/// a success when up, with the plan as subject (the subject the version was resolved for). Each reply counts once: its first
/// verdict adds a trial, a change of mind revises that trial (<see cref="Observation.Revises"/>), and a clearing leaves the last
/// verdict standing, so clearing and giving the same verdict again changes nothing. A reply whose version is unknown is not scored.
/// </summary>
public sealed class ReplyRatedConsumer(IDocumentStore store, ILogger<ReplyRatedConsumer> logger) : OutcomeConsumer<ReplyRatedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(ReplyRatedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Verdict is null || message.PromptVersionId is null || message.Verdict == message.PreviousVerdict)
        {
            yield break;
        }

        yield return new Observation(DeterministicGuid.From($"{messageId:N}/{OutcomeMetrics.Rating}"), message.PlanId, null, message.PromptVersionId,
            OutcomeMetrics.Rating, message.Verdict == "up", null, null, null, "reply-rated", message.At, Revises: message.PreviousVerdict is not null);
    }
}
