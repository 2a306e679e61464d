using Orchestrator.PromptAnalytics.Experiments.Assigning;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.PromptAnalytics.Outcomes.Scoring;
using Orchestrator.PromptAnalytics.Tests.Library;
using Orchestrator.Contracts.Planning;

namespace Orchestrator.PromptAnalytics.Tests.Outcomes;

public sealed class AttributionTests
{
    private static readonly Guid Subject = Guid.Parse("0195f3a0-0000-7000-8000-0000000000cc");
    private static readonly Guid ExperimentId = Guid.Parse("0195f3a0-0000-7000-8000-0000000000dd");
    private static readonly Assignment Assigned = new(Guid.NewGuid(), ExperimentId, "decompose", Subject, "decompose:2", "B", LibraryDecisionTests.Now);

    private static Observation Observed(string? versionId) =>
        new(Guid.NewGuid(), Subject, "decompose", versionId, OutcomeMetrics.Approval, true, 0, null, null, "test", LibraryDecisionTests.Now);

    [Fact]
    public void An_outcome_of_the_assigned_version_counts_for_the_experiment()
    {
        var recorded = Attribution.Attribute(Observed("decompose:2"), LibraryDecisionTests.Seeded("decompose"), [Assigned]);
        Assert.Equal(ExperimentId, recorded.ExperimentId);
        Assert.Equal("B", recorded.Variant);
    }

    [Fact]
    public void An_untagged_outcome_is_attributed_to_the_assigned_version()
    {
        var recorded = Attribution.Attribute(Observed(null), LibraryDecisionTests.Seeded("decompose"), [Assigned]);
        Assert.Equal("decompose:2", recorded.VersionId);
        Assert.Equal(ExperimentId, recorded.ExperimentId);
    }

    [Fact]
    public void An_outcome_of_another_version_such_as_the_fallback_does_not_count_for_the_experiment()
    {
        var recorded = Attribution.Attribute(Observed("builtin:decompose:2"), LibraryDecisionTests.Seeded("decompose"), [Assigned]);
        Assert.Equal("decompose:1", recorded.VersionId);
        Assert.Null(recorded.ExperimentId);
        Assert.Null(recorded.Variant);
    }

    [Fact]
    public void Assignments_of_other_templates_are_ignored()
    {
        var execute = Assigned with { Prompt = "execute", VersionId = "execute:2" };
        var recorded = Attribution.Attribute(Observed(null), LibraryDecisionTests.Seeded("decompose"), [execute]);
        Assert.Null(recorded.VersionId);
        Assert.Null(recorded.ExperimentId);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3, false)]
    public void An_approval_succeeds_only_without_edits(int edits, bool success)
    {
        var observation = Assert.Single(new PlanApprovedConsumer(null!, null!).Observe(new PlanApprovedIntegrationEvent(Subject, edits, "decompose:2", LibraryDecisionTests.Now), Guid.NewGuid()));
        Assert.Equal(success, observation.Success);
        Assert.Equal(edits, observation.Value);
        Assert.Equal(OutcomeMetrics.Approval, observation.Metric);
    }
}
