using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Benchmarks.Planner;

/// <summary>A plan made through the API for the edit runs: its id, its tasks and its version when it was ready.</summary>
internal sealed record SeededPlan(Guid Id, IReadOnlyList<Guid> TaskIds, long Version);

/// <summary>One edit run: successful writes, the 409s, and the latency of the successful writes.</summary>
internal sealed record EditRun(string Name, int Clients, int Edits, int Conflicts, double Seconds, double P50, double P99, double TasksAfter)
{
    public double Throughput => Edits / Seconds;
}

/// <summary>
/// Tree edits through the real HTTP API by concurrent clients for a fixed time after a warm-up: four in five
/// requests change a task's title and objective (<c>PATCH</c>), one in five adds a child task (<c>POST</c>).
/// No client sends If-Match, so a write that loses the race for the stream version is the only way to get a 409.
/// </summary>
internal static class EditBenchmark
{
    public const int SeedTasks = 20;

    /// <summary>Creates a plan and grows it to <see cref="SeedTasks"/> tasks below the root, all through the API.</summary>
    public static async Task<SeededPlan> CreatePlanAsync(HttpClient client, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        using var plan = await SendAsync(client, HttpMethod.Post, "/api/plans",
            new { request = "Move the shop's checkout to the new payment provider without downtime.", title = $"Edit benchmark plan {seed}" }, ct);
        var id = plan.RootElement.GetProperty("id").GetGuid();
        var taskIds = new List<Guid> { plan.RootElement.GetProperty("tasks")[0].GetProperty("id").GetGuid() };
        for (var i = 1; i <= SeedTasks; i++)
        {
            using var task = await SendAsync(client, HttpMethod.Post, $"/api/plans/{id}/tasks",
                new { parentId = taskIds[random.Next(taskIds.Count)], title = $"Step {i}", objective = $"Do step {i} of the migration and record what changed." }, ct);
            taskIds.Add(task.RootElement.GetProperty("id").GetGuid());
        }

        return new SeededPlan(id, taskIds, 1 + SeedTasks);
    }

    /// <summary>
    /// Runs one client per entry of <paramref name="plans"/> (the same plan several times for a shared plan), then checks
    /// that every plan's version moved by exactly the writes that succeeded on it, warm-up included.
    /// </summary>
    public static async Task<EditRun> MeasureAsync(string name, HttpClient client, IReadOnlyList<SeededPlan> plans, TimeSpan warmUp, TimeSpan duration, int seed, CancellationToken ct)
    {
        var workers = plans.Select((plan, i) => new Worker(plan, new List<Guid>(plan.TaskIds), new Random(seed * 1_000 + i), i)).ToList();
        await RunAsync(client, workers, warmUp, ct);
        foreach (var worker in workers)
        {
            worker.Latencies.Clear();
            worker.Conflicts = 0;
        }

        var elapsed = await RunAsync(client, workers, duration, ct);
        var tasks = new List<int>();
        foreach (var group in workers.GroupBy(w => w.Plan.Id))
        {
            using var now = await SendAsync(client, HttpMethod.Get, $"/api/plans/{group.Key}", null, ct);
            var version = now.RootElement.GetProperty("version").GetInt64();
            var expected = group.First().Plan.Version + group.Sum(w => w.Written);
            if (version != expected)
            {
                throw new InvalidOperationException($"{name}: plan {group.Key} is at version {version}, but {expected - group.First().Plan.Version} writes succeeded on it from version {group.First().Plan.Version}.");
            }

            tasks.Add(now.RootElement.GetProperty("tasks").GetArrayLength());
        }

        var latencies = workers.SelectMany(w => w.Latencies).ToList();
        return new EditRun(name, workers.Count, latencies.Count, workers.Sum(w => w.Conflicts), elapsed.TotalSeconds,
            Percentiles.Of(latencies, 0.5), Percentiles.Of(latencies, 0.99), tasks.Average());
    }

    private static async Task<TimeSpan> RunAsync(HttpClient client, IReadOnlyList<Worker> workers, TimeSpan duration, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(async worker =>
        {
            while (watch.Elapsed < duration)
            {
                await worker.WriteOnceAsync(client, ct);
            }
        }));
        return watch.Elapsed;
    }

    private static async Task<JsonDocument> SendAsync(HttpClient client, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text) : throw new HttpRequestException($"{(int)response.StatusCode} from {method} {path}: {text}");
    }

    private sealed class Worker(SeededPlan plan, List<Guid> taskIds, Random random, int number)
    {
        private int _sequence;

        public SeededPlan Plan { get; } = plan;

        public List<double> Latencies { get; } = [];

        public int Conflicts { get; set; }

        /// <summary>Writes that succeeded since the plan was seeded, each one event on the stream.</summary>
        public int Written { get; private set; }

        public async Task WriteOnceAsync(HttpClient client, CancellationToken ct)
        {
            _sequence++;
            var add = random.Next(5) == 0;
            var target = taskIds[random.Next(taskIds.Count)];
            using var request = add
                ? new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/plans/{Plan.Id}/tasks", UriKind.Relative))
                {
                    Content = JsonContent.Create(new { parentId = target, title = $"Client {number} task {_sequence}", objective = $"Follow-up {_sequence} found by client {number}: check it and report." }, options: ApiJson.Options),
                }
                : new HttpRequestMessage(HttpMethod.Patch, new Uri($"/api/plans/{Plan.Id}/tasks/{target}", UriKind.Relative))
                {
                    Content = JsonContent.Create(new { title = $"Step edited by client {number} (edit {_sequence})", objective = $"Revised by client {number} in edit {_sequence}: keep the scope, tighten the acceptance criteria." }, options: ApiJson.Options),
                };
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // The write lost the race for the stream version (PlanWriter's "Plan changed"); any other refusal is a bug here.
            if (response.StatusCode == HttpStatusCode.Conflict && body.Contains("Plan changed", StringComparison.Ordinal))
            {
                Conflicts++;
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{(int)response.StatusCode} from {request.Method} {request.RequestUri}: {body}");
            }

            Latencies.Add(elapsed);
            Written++;
            if (add)
            {
                using var created = JsonDocument.Parse(body);
                taskIds.Add(created.RootElement.GetProperty("id").GetGuid());
            }
        }
    }
}
