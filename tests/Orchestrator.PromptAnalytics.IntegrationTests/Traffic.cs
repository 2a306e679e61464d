using System.Collections.Concurrent;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>
/// Simulated subjects sent through the real service: each resolves its prompt, then reports whether it succeeded.
/// A variant's outcomes are spread evenly at its true rate (its k-th outcome succeeds when k × rate crosses a whole
/// number), so its observed rate is the truth to within 1/n. These tests check what the service counts, computes and
/// decides over HTTP and PostgreSQL; how the statistics behave under sampling noise, over many seeded runs, is the
/// unit tests' part (SimulatedTrafficTests).
/// </summary>
public sealed class Traffic(PromptAnalyticsService service, string prompt, string metric, IReadOnlyDictionary<string, double> truth)
{
    private readonly ConcurrentDictionary<string, int> _served = new();

    public ConcurrentDictionary<string, (int N, int Successes)> Counts { get; } = new();

    /// <summary>The expected successes lost against always using the best variant: Σ (best rate − rate of the variant used).</summary>
    public double Regret { get; private set; }

    public async Task RunAsync(int subjects, int concurrency)
    {
        var best = truth.Values.Max();
        var regret = new ConcurrentBag<double>();
        await Parallel.ForEachAsync(Enumerable.Range(0, subjects), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) =>
        {
            var subject = Guid.NewGuid();
            var resolved = await service.GetAsync<ResolvedDto>($"/api/prompts/{prompt}/resolve?subject={subject}");
            var rate = truth[resolved.VersionId];
            var k = _served.AddOrUpdate(resolved.VersionId, 1, (_, c) => c + 1);
            var success = Math.Floor(k * rate) > Math.Floor((k - 1) * rate);
            await service.PostAsync<object>("/api/outcomes", new { subject, versionId = resolved.VersionId, success, metric });
            Counts.AddOrUpdate(resolved.VersionId, (1, success ? 1 : 0), (_, c) => (c.N + 1, c.Successes + (success ? 1 : 0)));
            regret.Add(best - rate);
        });
        Regret = regret.Sum();
    }
}
