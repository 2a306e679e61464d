namespace Orchestrator.PromptAnalytics.Experiments.Statistics;

/// <summary>Draws from Beta distributions: the posterior of a success rate under a uniform prior.</summary>
public static class BetaDistribution
{
    /// <summary>One draw from Beta(<paramref name="alpha"/>, <paramref name="beta"/>), both at least 1.</summary>
    public static double Sample(Random random, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(random);
        var x = Gamma(random, alpha);
        var y = Gamma(random, beta);
        return x / (x + y);
    }

    /// <summary>Marsaglia and Tsang's method (2000) for a Gamma(shape, 1) draw, shape ≥ 1.</summary>
    private static double Gamma(Random random, double shape)
    {
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = StandardNormal(random);
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1.0 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
