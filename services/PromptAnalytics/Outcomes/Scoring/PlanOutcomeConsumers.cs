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

/// <summary>A finished plan: a success on <see cref="OutcomeMetrics.Completion"/> when it completed.</summary>
public sealed class PlanFinishedConsumer(IDocumentStore store, ILogger<PlanFinishedConsumer> logger) : OutcomeConsumer<PlanFinishedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(PlanFinishedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new Observation(messageId, message.PlanId, PromptNames.Decompose, message.DecompositionPromptVersionId,
            OutcomeMetrics.Completion, string.Equals(message.Status, "completed", StringComparison.OrdinalIgnoreCase), null, null, null, "plan-finished", message.At);
    }
}
