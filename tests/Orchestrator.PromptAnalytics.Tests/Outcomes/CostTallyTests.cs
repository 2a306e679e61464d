using Orchestrator.Contracts.Prompts;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.PromptAnalytics.Outcomes.Scoring;
using Orchestrator.PromptAnalytics.Tests.Library;

namespace Orchestrator.PromptAnalytics.Tests.Outcomes;

public sealed class CostTallyTests
{
    private static OutcomeRecorded Call(decimal? cost) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "execute", "execute:1", null, null, OutcomeMetrics.ModelCall, true, null, 100, 10, "model-call", LibraryDecisionTests.Now, CostUsd: cost);

    [Fact]
    public void A_versions_cost_is_the_sum_of_its_model_calls_and_the_mean_is_per_call()
    {
        var tally = new[] { Call(0.0012m), Call(0.0003m), Call(0.0006m) }.Aggregate(Tally.Empty, (t, o) => t.Add(o));

        Assert.Equal(0.0021m, tally.CostSum);
        Assert.Equal(3, tally.CostCount);
        Assert.Equal(0.0007m, tally.MeanCostUsd);
    }

    [Fact]
    public void Outcomes_that_are_not_model_calls_leave_the_cost_alone()
    {
        var tally = Tally.Empty.Add(Call(0.5m)).Add(Call(null) with { Metric = OutcomeMetrics.TaskSuccess });

        Assert.Equal(0.5m, tally.CostSum);
        Assert.Equal(1, tally.CostCount);
        Assert.Null(Tally.Empty.MeanCostUsd);
    }

    [Fact]
    public void A_model_call_is_observed_with_its_cost()
    {
        var call = new ModelCallRecordedIntegrationEvent(Guid.NewGuid(), Guid.NewGuid(), "execute", "execute", "execute:1", "gpt-4o-mini", 1200, 300, 42, true,
            LibraryDecisionTests.Now, 0.00036m);

        var observation = Assert.Single(new ModelCallRecordedConsumer(null!, null!).Observe(call, Guid.NewGuid()));

        Assert.Equal(0.00036m, observation.CostUsd);
        Assert.Equal(0.00036m, Attribution.Attribute(observation, null, []).CostUsd);
    }
}
