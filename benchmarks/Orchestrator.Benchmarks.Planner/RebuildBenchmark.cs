extern alias planner;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marten;
using planner::Orchestrator.Planner.Plans;

namespace Orchestrator.Benchmarks.Planner;

/// <summary>One measured read: how long the API took, and the bare event fetch and in-process fold it contains.</summary>
internal sealed record RebuildRow(string Name, long Version, int Tasks, double ApiP50, double RawP50, double FoldP50, string RawName);

/// <summary>
/// Rebuilding one long plan at a chosen version through <c>GET /api/plans/{id}?version=N</c>, against the bare
/// <c>FetchStreamAsync</c> of the same events in the same run, and the current state (the plan's documents).
/// </summary>
internal static class RebuildBenchmark
{
    public const int BatchSize = 1_000;

    /// <summary>
    /// Appends the plan's events straight to the Planner's store, <see cref="BatchSize"/> per transaction, with the plan's
    /// documents in the last one, and checks the stream and its documents.
    /// </summary>
    public static async Task<TimeSpan> AppendAsync(IDocumentStore store, LargePlan plan, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        for (var offset = 0; offset < plan.Events.Count; offset += BatchSize)
        {
            var batch = plan.Events.Skip(offset).Take(BatchSize).ToList();
            await using var session = store.LightweightSession();
            if (offset == 0)
            {
                session.Events.StartStream<Plan>(plan.Id, batch);
            }
            else
            {
                // As PlanWriter appends: with the version the stream reaches, so a concurrent writer fails the save.
                session.Events.Append(plan.Id, offset + batch.Count, batch);
            }

            if (offset + BatchSize >= plan.Events.Count)
            {
                PlanStorage.Record(session, null, PlanWriter.Fold(Plan.Initial, plan.Events));
            }

            await session.SaveChangesAsync(ct);
        }

        var elapsed = watch.Elapsed;
        await using var query = store.QuerySession();
        var state = await query.Events.FetchStreamStateAsync(plan.Id, ct);
        var current = await PlanStorage.LoadAsync(query, plan.Id, ct);
        if (state?.Version != plan.Events.Count || current?.Version != plan.Events.Count || current.Tasks.Count != plan.Final.Tasks.Count)
        {
            throw new InvalidOperationException(
                $"After appending {plan.Events.Count} events the stream is at version {state?.Version} and the plan document at {current?.Version} with {current?.Tasks.Count} tasks; expected {plan.Final.Tasks.Count} tasks.");
        }

        return elapsed;
    }

    /// <summary>The plan at <paramref name="version"/>, <paramref name="repeats"/> times each way, interleaved so both see the same conditions.</summary>
    public static async Task<RebuildRow> AtVersionAsync(string name, IDocumentStore store, HttpClient client, LargePlan plan, long version, int repeats, CancellationToken ct)
    {
        var api = new List<double>();
        var raw = new List<double>();
        var fold = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var session = store.QuerySession())
            {
                var events = await session.Events.FetchStreamAsync(plan.Id, version, token: ct);
                raw.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (events.Count != version)
                {
                    throw new InvalidOperationException($"FetchStreamAsync up to version {version} returned {events.Count} events.");
                }

                started = Stopwatch.GetTimestamp();
                var folded = PlanHistory.At(events, long.MaxValue);
                fold.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Check(name, folded.Version, folded.Tasks.Count, version, plan.TasksAt(version));
            }

            var (elapsed, body) = await GetAsync(client, $"/api/plans/{plan.Id}?version={version}", ct);
            api.Add(elapsed);
            CheckBody(name, body, version, plan.TasksAt(version));
        }

        return new RebuildRow(name, version, plan.TasksAt(version), Percentiles.Of(api, 0.5), Percentiles.Of(raw, 0.5), Percentiles.Of(fold, 0.5), "fetch");
    }

    /// <summary>The current state: <c>GET /api/plans/{id}</c> against loading the projected document straight from Marten.</summary>
    public static async Task<RebuildRow> CurrentAsync(IDocumentStore store, HttpClient client, LargePlan plan, int repeats, CancellationToken ct)
    {
        var api = new List<double>();
        var raw = new List<double>();
        var version = plan.Events.Count;
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var session = store.QuerySession())
            {
                var document = await PlanStorage.LoadAsync(session, plan.Id, ct);
                raw.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Check("current state", document?.Version ?? 0, document?.Tasks.Count ?? 0, version, plan.Final.Tasks.Count);
            }

            var (elapsed, body) = await GetAsync(client, $"/api/plans/{plan.Id}", ct);
            api.Add(elapsed);
            CheckBody("current state", body, version, plan.Final.Tasks.Count);
        }

        return new RebuildRow("current state (no version)", version, plan.Final.Tasks.Count, Percentiles.Of(api, 0.5), Percentiles.Of(raw, 0.5), double.NaN, "load docs");
    }

    private static async Task<(double Milliseconds, byte[] Body)> GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.IsSuccessStatusCode
            ? (elapsed, body)
            : throw new HttpRequestException($"{(int)response.StatusCode} from {path}: {System.Text.Encoding.UTF8.GetString(body)}");
    }

    private static void CheckBody(string name, byte[] body, long version, int tasks)
    {
        using var json = JsonDocument.Parse(body);
        Check(name, json.RootElement.GetProperty("version").GetInt64(), json.RootElement.GetProperty("tasks").GetArrayLength(), version, tasks);
    }

    private static void Check(string name, long version, int tasks, long expectedVersion, int expectedTasks)
    {
        if (version != expectedVersion || tasks != expectedTasks)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{name}: got version {version} with {tasks} tasks; expected version {expectedVersion} with {expectedTasks} tasks."));
        }
    }
}
