using Marten;
using Orchestrator.Contracts.Planning;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Outcomes.Scoring;

/// <summary>An approved decomposition: a success on <see cref="OutcomeMetrics.Approval"/> only when the person approved it unedited.</summary>
public sealed class PlanApprovedConsumer(IDocumentStore store, ILogger<PlanApprovedConsumer> logger) : OutcomeConsumer<PlanApprovedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(PlanApprovedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new Observation(messageId, message.PlanId, PromptNames.Decompose, message.DecompositionPromptVersionId,
            OutcomeMetrics.Approval, message.EditsBeforeApproval == 0, message.EditsBeforeApproval, null, null, "plan-approved", message.At);
    }
}

/// <summary>A discarded or regenerated decomposition: a failure on <see cref="OutcomeMetrics.Approval"/>.</summary>
public sealed class PlanRejectedConsumer(IDocumentStore store, ILogger<PlanRejectedConsumer> logger) : OutcomeConsumer<PlanRejectedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(PlanRejectedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new Observation(messageId, message.PlanId, PromptNames.Decompose, message.DecompositionPromptVersionId,
            OutcomeMetrics.Approval, false, null, null, null, "plan-rejected", message.At);
    }
}

/// <summary>
/// A finished plan: a success on <see cref="OutcomeMetrics.Completion"/> when it completed, and on <see cref="OutcomeMetrics.PlanSuccess"/>
/// when it completed with no failed or retried task.
/// </summary>
public sealed class PlanFinishedConsumer(IDocumentStore store, ILogger<PlanFinishedConsumer> logger) : OutcomeConsumer<PlanFinishedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(PlanFinishedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new Observation(messageId, message.PlanId, PromptNames.Decompose, message.DecompositionPromptVersionId,
            OutcomeMetrics.Completion, string.Equals(message.Status, "completed", StringComparison.OrdinalIgnoreCase), null, null, null, "plan-finished", message.At);
        yield return new Observation(DeterministicGuid.From($"{messageId:N}/{OutcomeMetrics.PlanSuccess}"), message.PlanId, PromptNames.Decompose, message.DecompositionPromptVersionId,
            OutcomeMetrics.PlanSuccess, PlanRatings.Succeeded(message.Clean, null), null, null, null, "plan-finished", message.At);
    }
}

/// <summary>
/// The person's rating of a finished plan: an outcome on <see cref="OutcomeMetrics.Rating"/> (4 or 5 a success), and a revision of the
/// plan's <see cref="OutcomeMetrics.PlanSuccess"/> when the rating changes whether it succeeded. Rating again revises the first rating.
/// </summary>
public sealed class PlanRatedConsumer(IDocumentStore store, ILogger<PlanRatedConsumer> logger) : OutcomeConsumer<PlanRatedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(PlanRatedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var liked = PlanRatings.IsPositive(message.Score);
        if (message.PreviousScore is not { } previous || PlanRatings.IsPositive(previous) != liked)
        {
            yield return new Observation(DeterministicGuid.From($"{messageId:N}/{OutcomeMetrics.Rating}"), message.PlanId, PromptNames.Decompose, message.DecompositionPromptVersionId,
                OutcomeMetrics.Rating, liked, message.Score, null, null, "plan-rated", message.At, Revises: message.PreviousScore is not null);
        }

        var succeeded = PlanRatings.Succeeded(message.FinishedClean, message.Score);
        if (PlanRatings.Succeeded(message.FinishedClean, message.PreviousScore) != succeeded)
        {
            yield return new Observation(DeterministicGuid.From($"{messageId:N}/{OutcomeMetrics.PlanSuccess}"), message.PlanId, PromptNames.Decompose, message.DecompositionPromptVersionId,
                OutcomeMetrics.PlanSuccess, succeeded, null, null, null, "plan-rated", message.At, Revises: true);
        }
    }
}

/// <summary>What a person's 1–5 rating of a plan says.</summary>
public static class PlanRatings
{
    /// <summary>4 or 5: the person liked the plan.</summary>
    public static bool IsPositive(int score) => score >= 4;

    /// <summary>The plan succeeded: it finished clean and was not rated 1 or 2.</summary>
    public static bool Succeeded(bool finishedClean, int? score) => finishedClean && score is not (<= 2);
}
