using System.Collections.Concurrent;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>
/// Simulated subjects sent through the real service: each resolves its prompt, then reports whether it succeeded,
/// which it does with its variant's true rate. Subject i's luck is one seeded uniform draw whatever variant it got,
/// so two experiments can be compared on the same traffic.
/// </summary>
public sealed class Traffic(PromptAnalyticsService service, string prompt, string metric, IReadOnlyDictionary<string, double> truth, int seed)
{
    public ConcurrentDictionary<string, (int N, int Successes)> Counts { get; } = new();

    public double Regret { get; private set; }

    public async Task RunAsync(int subjects, int concurrency)
    {
        var luck = new Random(seed);
        var draws = Enumerable.Range(0, subjects).Select(_ => luck.NextDouble()).ToArray();
        var best = truth.Values.Max();
        var regret = new ConcurrentBag<double>();
        await Parallel.ForEachAsync(Enumerable.Range(0, subjects), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var subject = Guid.NewGuid();
            var resolved = await service.GetAsync<ResolvedDto>($"/api/prompts/{prompt}/resolve?subject={subject}");
            var success = draws[i] < truth[resolved.VersionId];
            await service.PostAsync<object>("/api/outcomes", new { subject, versionId = resolved.VersionId, success, metric });
            Counts.AddOrUpdate(resolved.VersionId, (1, success ? 1 : 0), (_, c) => (c.N + 1, c.Successes + (success ? 1 : 0)));
            regret.Add(best - truth[resolved.VersionId]);
        });
        Regret = regret.Sum();
    }
}
