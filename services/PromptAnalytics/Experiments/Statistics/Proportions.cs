namespace Orchestrator.PromptAnalytics.Experiments.Statistics;

/// <summary>Frequentist and Bayesian statistics of success proportions.</summary>
public static class Proportions
{
    /// <summary>The standard normal quantile of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Seed of the Monte Carlo estimate of the probability to be best, so results are reproducible.</summary>
    public const int ProbabilityBestSeed = 20_250_601;

    public const int ProbabilityBestDraws = 20_000;

    /// <summary>Wilson score interval of <paramref name="successes"/> in <paramref name="n"/> trials; null without trials.</summary>
    public static (double Low, double High)? Wilson(long successes, long n, double z = Z95)
    {
        if (n <= 0)
        {
            return null;
        }

        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var center = (p + z2 / (2.0 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }

    /// <summary>Two-sided p-value of the pooled two-proportion z-test; null when either side has no trials.</summary>
    public static double? TwoProportionPValue(long successes1, long n1, long successes2, long n2)
    {
        if (n1 <= 0 || n2 <= 0)
        {
            return null;
        }

        var pooled = (double)(successes1 + successes2) / (n1 + n2);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (standardError == 0)
        {
            return 1.0;
        }

        var z = ((double)successes1 / n1 - (double)successes2 / n2) / standardError;
        return Math.Clamp(Erfc(Math.Abs(z) / Math.Sqrt(2)), 0, 1);
    }

    /// <summary>
    /// For each arm, the posterior probability that its rate is the highest, under independent Beta(1 + s, 1 + f)
    /// posteriors, estimated by Monte Carlo with a fixed seed.
    /// </summary>
    public static IReadOnlyList<double> ProbabilityToBeBest(IReadOnlyList<(long Successes, long Trials)> arms, int draws = ProbabilityBestDraws, int seed = ProbabilityBestSeed)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var wins = new int[arms.Count];
        var random = new Random(seed);
        for (var draw = 0; draw < draws; draw++)
        {
            var best = 0;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < arms.Count; i++)
            {
                var value = BetaDistribution.Sample(random, 1 + arms[i].Successes, 1 + arms[i].Trials - arms[i].Successes);
                if (value > bestValue)
                {
                    bestValue = value;
                    best = i;
                }
            }

            wins[best]++;
        }

        return [.. wins.Select(w => (double)w / draws)];
    }

    /// <summary>Standard normal cumulative distribution.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.5 * z);
        var ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
