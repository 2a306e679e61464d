using Orchestrator.PromptAnalytics.Experiments;
using Orchestrator.PromptAnalytics.Experiments.Results;
using Orchestrator.PromptAnalytics.Library;
using Orchestrator.PromptAnalytics.Outcomes;

namespace Orchestrator.PromptAnalytics.Tests.Experiments;

public sealed class ExperimentResultsTests
{
    private static readonly Guid Id = Guid.Parse("0195f3a0-0000-7000-8000-0000000000bb");

    private static ExperimentResults Results(int minimumSample, params (long Successes, long N)[] arms)
    {
        var variants = arms.Select((_, i) => new ExperimentVariant($"chat:{i + 1}", 1, ((char)('A' + i)).ToString())).ToList();
        var experiment = new Experiment(Id, "chat", ExperimentStatus.Running, variants, AllocationKind.Fixed, "rating", minimumSample, 0.05, DateTimeOffset.UnixEpoch, null, null, null);
        ExperimentTally? tally = null;
        for (var i = 0; i < arms.Length; i++)
        {
            for (var k = 0; k < arms[i].N; k++)
            {
                tally = ExperimentTallyEvolution.Evolve(tally, Id, new OutcomeRecorded(Guid.NewGuid(), Guid.NewGuid(), "chat", variants[i].VersionId, Id, variants[i].Variant, "rating", k < arms[i].Successes, null, 100 + i, 10.0 * (i + 1), "test", DateTimeOffset.UnixEpoch));
            }
        }

        return ExperimentResultsCalculator.Compute(experiment, tally);
    }

    [Fact]
    public void A_clear_difference_past_the_minimum_sample_declares_the_winner()
    {
        var results = Results(100, (120, 200), (150, 200));

        Assert.Equal("chat:2", results.Winner);
        Assert.StartsWith("B (chat:2) wins", results.Decision, StringComparison.Ordinal);
        Assert.Equal(0.75, results.Variants[1].Rate);
        Assert.Equal(results.Variants[0].PValue, results.Variants[1].PValue);
        Assert.True(results.Variants[1].ProbabilityBest > 0.99);
        Assert.Equal(101, results.Variants[1].MeanTokens);
        Assert.Equal(20, results.Variants[1].MeanLatencyMs);
    }

    [Fact]
    public void No_winner_below_the_minimum_sample_however_clear_the_difference()
    {
        var results = Results(300, (120, 200), (190, 200));

        Assert.Null(results.Winner);
        Assert.Contains("every variant needs 300 outcomes", results.Decision, StringComparison.Ordinal);
        Assert.Contains("A has 200, B has 200", results.Decision, StringComparison.Ordinal);
    }

    [Fact]
    public void No_winner_without_significance_and_the_level_is_split_over_comparisons()
    {
        var close = Results(50, (100, 200), (110, 200));
        var three = Results(50, (100, 200), (120, 200), (100, 200));

        Assert.Null(close.Winner);
        Assert.Contains("not significantly better than A", close.Decision, StringComparison.Ordinal);
        Assert.Equal(0.025, three.AdjustedSignificance);
        // B vs A: p ≈ 0.044 passes 0.05 but not the Bonferroni level 0.025 for two comparisons.
        Assert.InRange(three.Variants[0].PValue!.Value, 0.025, 0.05);
        Assert.Null(three.Winner);
    }

    [Fact]
    public void An_experiment_without_outcomes_has_no_rates()
    {
        var results = ExperimentResultsCalculator.Compute(
            new Experiment(Id, "chat", ExperimentStatus.Running, [new("chat:1", 1, "A"), new("chat:2", 1, "B")], AllocationKind.Bandit, "rating", 10, 0.05, DateTimeOffset.UnixEpoch, null, null, null),
            null);

        Assert.All(results.Variants, v => Assert.Null(v.Rate));
        Assert.All(results.Variants, v => Assert.Null(v.Low));
        Assert.Null(results.Winner);
        Assert.Equal("bandit", results.Allocation);
    }
}
