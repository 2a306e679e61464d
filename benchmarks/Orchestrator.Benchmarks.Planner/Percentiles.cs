namespace Orchestrator.Benchmarks.Planner;

internal static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="q"/> (0–1) of <paramref name="values"/>.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
