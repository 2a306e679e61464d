using System.Diagnostics;

namespace Orchestrator.Benchmarks.PromptAnalytics;

/// <summary>Latency of one request shape under N concurrent clients for a fixed time, after a short warm-up.</summary>
internal sealed record LatencyRun(string Name, int Count, int Errors, double Throughput, double P50, double P99)
{
    public static async Task<LatencyRun> MeasureAsync(string name, HttpClient client, Func<Random, string> path, BenchmarkOptions options)
    {
        await RunAsync(client, path, options.Clients, TimeSpan.FromSeconds(2));
        var (latencies, errors, elapsed) = await RunAsync(client, path, options.Clients, TimeSpan.FromSeconds(options.Seconds));
        latencies.Sort();
        return new LatencyRun(name, latencies.Count, errors, latencies.Count / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> RunAsync(HttpClient client, Func<Random, string> path, int clients, TimeSpan duration)
    {
        var all = new List<double>();
        var errors = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async worker =>
        {
            var random = new Random(worker);
            var mine = new List<double>();
            var failed = 0;
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri(path(random), UriKind.Relative));
                await response.Content.LoadIntoBufferAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                failed += response.IsSuccessStatusCode ? 0 : 1;
            }

            lock (all)
            {
                all.AddRange(mine);
                errors += failed;
            }
        });
        await Task.WhenAll(workers);
        return (all, errors, watch.Elapsed);
    }

    private static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
