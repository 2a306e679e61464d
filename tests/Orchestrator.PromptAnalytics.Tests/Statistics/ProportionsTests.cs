using Orchestrator.PromptAnalytics.Experiments.Statistics;

namespace Orchestrator.PromptAnalytics.Tests.Statistics;

public sealed class ProportionsTests
{
    [Theory]
    [InlineData(50, 100, 0.4038315303659956, 0.5961684696340044)]
    [InlineData(0, 10, 0.0, 0.2775327998628892)]
    [InlineData(10, 10, 0.7224672001371107, 1.0)]
    [InlineData(81, 263, 0.2552885198782742, 0.36620957698280004)]
    public void Wilson_interval_matches_reference_values(long successes, long n, double low, double high)
    {
        var interval = Proportions.Wilson(successes, n)!.Value;
        Assert.Equal(low, interval.Low, 9);
        Assert.Equal(high, interval.High, 9);
    }

    [Fact]
    public void Wilson_interval_is_undefined_without_trials() => Assert.Null(Proportions.Wilson(0, 0));

    [Theory]
    [InlineData(60, 100, 70, 100, 0.13820766697402592)]
    [InlineData(600, 1000, 700, 1000, 2.757905777054714e-06)]
    [InlineData(30, 50, 30, 50, 1.0)]
    public void Two_proportion_p_value_matches_reference_values(long s1, long n1, long s2, long n2, double expected)
    {
        var p = Proportions.TwoProportionPValue(s1, n1, s2, n2)!.Value;
        Assert.True(Math.Abs(p - expected) <= Math.Max(1e-7, expected * 1e-5), $"p = {p}, expected {expected}");
        Assert.Equal(p, Proportions.TwoProportionPValue(s2, n2, s1, n1));
    }

    [Fact]
    public void Two_proportion_p_value_needs_trials_on_both_sides()
    {
        Assert.Null(Proportions.TwoProportionPValue(5, 10, 0, 0));
        Assert.Equal(1.0, Proportions.TwoProportionPValue(0, 10, 0, 20));
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.6448536269514722, 0.05)]
    public void Normal_cdf_matches_reference_values(double x, double expected) => Assert.Equal(expected, Proportions.NormalCdf(x), 6);

    [Fact]
    public void Probability_to_be_best_is_even_for_equal_evidence_and_certain_for_overwhelming_evidence()
    {
        var even = Proportions.ProbabilityToBeBest([(50, 100), (50, 100)]);
        var clear = Proportions.ProbabilityToBeBest([(600, 1000), (700, 1000), (610, 1000)]);

        Assert.InRange(even[0], 0.47, 0.53);
        Assert.Equal(1.0, even.Sum(), 9);
        Assert.True(clear[1] > 0.999, $"P(best) of the 70% arm was {clear[1]}");
        Assert.Equal(clear, Proportions.ProbabilityToBeBest([(600, 1000), (700, 1000), (610, 1000)]));
    }

    [Fact]
    public void Beta_draws_have_the_distributions_mean()
    {
        var random = new Random(7);
        var mean = Enumerable.Range(0, 20_000).Average(_ => BetaDistribution.Sample(random, 31, 11));
        Assert.Equal(31.0 / 42.0, mean, 2);
    }
}
