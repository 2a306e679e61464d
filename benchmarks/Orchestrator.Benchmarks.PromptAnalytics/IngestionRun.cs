extern alias promptanalytics;

using System.Diagnostics;
using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Orchestrator.Contracts.Prompts;
using OutcomeRecord = promptanalytics::Orchestrator.PromptAnalytics.Outcomes.OutcomeRecord;
using OutcomeRecorded = promptanalytics::Orchestrator.PromptAnalytics.Outcomes.OutcomeRecorded;

namespace Orchestrator.Benchmarks.PromptAnalytics;

/// <summary>Outcome ingestion rates: through the bus, through HTTP, and the bare store as the baseline.</summary>
internal static class IngestionRun
{
    /// <summary>Baseline: the same outcome events appended straight to Marten, one session per event, by concurrent writers.</summary>
    public static async Task<(string, int, double)> BaselineAsync(IDocumentStore store, int events, int writers)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = writers }, async (_, ct) =>
        {
            await using var session = store.LightweightSession();
            var id = Guid.CreateVersion7();
            session.Events.StartStream<OutcomeRecord>(id, new OutcomeRecorded(id, null, "execute", "execute:1", null, null, "baseline", true, null, 10, 1, "baseline", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync(ct);
        });
        return ($"baseline: bare Marten append, one session per event, {writers} writers", events, watch.Elapsed.TotalSeconds);
    }

    /// <summary>ModelCallRecorded events published to RabbitMQ, timed until every one is stored as an outcome.</summary>
    public static async Task<(string, int, double)> BusAsync(IDocumentStore store, IBus bus, IReadOnlyList<Guid> subjects, int events)
    {
        var before = await CountAsync(store, "model-call");
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await bus.Publish(new ModelCallRecordedIntegrationEvent(Guid.NewGuid(), subjects[i % subjects.Count], "decompose", "decompose", null, "bench", 100, 50, 120, true, DateTimeOffset.UtcNow), ct));
        while (await CountAsync(store, "model-call") - before < events)
        {
            await Task.Delay(50);
        }

        return ("bus: ModelCallRecorded published → consumed, attributed, stored once", events, watch.Elapsed.TotalSeconds);
    }

    /// <summary>POST /api/outcomes from concurrent clients.</summary>
    public static async Task<(string, int, double)> HttpAsync(IDocumentStore store, HttpClient client, IReadOnlyList<Guid> subjects, int events, int clients)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, ct) =>
        {
            using var response = await client.PostAsJsonAsync(new Uri("/api/outcomes", UriKind.Relative), new { subject = subjects[i % subjects.Count], versionId = "decompose:1", success = i % 3 != 0, metric = "rating" }, ApiJson.Options, ct);
            response.EnsureSuccessStatusCode();
        });
        return ($"http: POST /api/outcomes, {clients} clients", events, watch.Elapsed.TotalSeconds);
    }

    private static async Task<int> CountAsync(IDocumentStore store, string metric)
    {
        await using var session = store.QuerySession();
        return await session.Query<OutcomeRecord>().CountAsync(o => o.Metric == metric);
    }
}
