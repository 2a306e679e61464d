extern alias planner;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Marten;
using Npgsql;
using planner::Orchestrator.Planner.Plans;
using planner::Orchestrator.Planner.Plans.EditingTask;
using planner::Orchestrator.Planner.Plans.Progressing;

namespace Orchestrator.Benchmarks.Planner;

/// <summary>The cost of one write at a plan size: time per write and bytes PostgreSQL wrote (WAL) per write.</summary>
internal sealed record WriteCostRow(int Tasks, string Write, int Count, double P50, double Mean, double WalBytes);

/// <summary>
/// What one write costs as a plan grows: a plan of N tasks (a root, parents of 50 leaves each) is appended straight
/// to the store, then edited task by task over HTTP (<c>PATCH</c> of a leaf's title) while still a draft, approved,
/// and given status reports (started, then completed) through the same <see cref="PlanReportBatcher"/> the bus
/// consumers use, one report per transaction. Bytes written are the growth of PostgreSQL's write-ahead log.
/// </summary>
internal static class WriteCostBenchmark
{
    private const int LeavesPerParent = 50;

    public static async Task<IReadOnlyList<WriteCostRow>> MeasureAsync(
        IDocumentStore store, PlanReportBatcher batcher, HttpClient client, string connectionString, int tasks, int writes, CancellationToken ct)
    {
        var (planId, leaves) = await SeedAsync(store, tasks, ct);
        await using var wal = NpgsqlDataSource.Create(connectionString);
        var rows = new List<WriteCostRow>();

        rows.Add(await MeasureAsync(tasks, "task edit (PATCH)", writes, wal, async i =>
        {
            using var response = await client.PatchAsJsonAsync(new Uri($"/api/plans/{planId}/tasks/{leaves[i % leaves.Count]}", UriKind.Relative),
                new { title = $"Edited leaf {i}" }, ct);
            response.EnsureSuccessStatusCode();
        }, ct));
        rows.Add(await InProcessAsync(store, planId, tasks, "edit, Planner CPU only", writes, (plan, i) =>
        {
            var leaf = leaves[i % leaves.Count];
            return (EditTaskDecision.Decide(plan, new EditTask(leaf, $"Edited in process {i}", null, null, null, null, DateTimeOffset.UtcNow)), leaf);
        }, ct));

        using (var approved = await client.PostAsync(new Uri($"/api/plans/{planId}/approve", UriKind.Relative), null, ct))
        {
            approved.EnsureSuccessStatusCode();
        }

        // The last of them is the unmeasured first write.
        var reported = Math.Min(writes, leaves.Count - 1);
        rows.Add(await MeasureAsync(tasks, "status report (started)", reported, wal, i =>
            batcher.ApplyAsync(planId, "benchmark", "TaskStarted", Guid.NewGuid(), new TaskProgress.Started(leaves[i], 1, false, DateTimeOffset.UtcNow), ct), ct));
        rows.Add(await MeasureAsync(tasks, "status report (completed)", reported, wal, i =>
            batcher.ApplyAsync(planId, "benchmark", "TaskCompleted", Guid.NewGuid(), new TaskProgress.Completed(leaves[i], "Done.", $"Result of leaf {i}.", DateTimeOffset.UtcNow), ct), ct));
        var ready = leaves.Skip(reported + 1).ToList();
        rows.Add(await InProcessAsync(store, planId, tasks, "report, Planner CPU only", Math.Max(1, Math.Min(writes, ready.Count)), (plan, i) =>
        {
            var leaf = ready.Count == 0 ? plan.Root.Id : ready[i];
            return (TaskProgressDecision.Decide(plan, new TaskProgress.Started(leaf, 1, false, DateTimeOffset.UtcNow)), leaf);
        }, ct));
        return rows;
    }

    /// <summary>
    /// The Planner's own work for one write, without I/O: decide, add what follows, find the documents to write (queued on
    /// a session that is never saved) and shape the changed task as the API shows it. Every write is decided on the same state.
    /// </summary>
    private static async Task<WriteCostRow> InProcessAsync(
        IDocumentStore store, Guid planId, int tasks, string name, int count, Func<Plan, int, (Decision Decision, Guid TaskId)> decide, CancellationToken ct)
    {
        Plan plan;
        await using (var query = store.QuerySession())
        {
            plan = (await PlanStorage.LoadAsync(query, planId, ct))!;
        }

        var times = new List<double>();
        for (var i = -1; i < count; i++)
        {
            await using var session = store.LightweightSession();
            var watch = Stopwatch.StartNew();
            var (decision, taskId) = decide(plan, Math.Max(i, 0));
            var (_, after) = PlanWriter.WithFollowUps(plan, decision.Events, DateTimeOffset.UtcNow);
            PlanStorage.Record(session, plan, after);
            _ = TaskView.From(after, after.Find(taskId)!);
            if (i >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return new WriteCostRow(tasks, name, count, Percentiles.Of(times, 0.5), times.Average(), double.NaN);
    }

    public static void Print(IEnumerable<WriteCostRow> rows)
    {
        Console.WriteLine();
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"Load average at the end (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        }

        Console.WriteLine("Cost of one write by plan size (sequential writes, one transaction each; WAL = bytes PostgreSQL wrote to its log)");
        Console.WriteLine($"{"tasks",6} {"write",-28} {"count",6} {"p50 ms",8} {"mean ms",8} {"WAL KB/write",13}");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Tasks,6:N0} {row.Write,-28} {row.Count,6} {row.P50,8:0.00} {row.Mean,8:0.00} {(double.IsNaN(row.WalBytes) ? "–" : (row.WalBytes / 1024).ToString("0.0", CultureInfo.InvariantCulture)),13}"));
        }
    }

    private static async Task<WriteCostRow> MeasureAsync(int tasks, string name, int count, NpgsqlDataSource wal, Func<int, Task> write, CancellationToken ct)
    {
        // One unmeasured write first: JIT and Marten's compiled code for this kind of write.
        await write(count);
        var times = new List<double>();
        var start = await WalPositionAsync(wal, ct);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await write(i);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var bytes = await WalPositionAsync(wal, ct) - start;
        return new WriteCostRow(tasks, name, count, Percentiles.Of(times, 0.5), times.Average(), (double)bytes / count);
    }

    private static async Task<long> WalPositionAsync(NpgsqlDataSource wal, CancellationToken ct)
    {
        await using var command = wal.CreateCommand("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>A draft plan of <paramref name="tasks"/> tasks made by the Planner's own events; returns its id and its leaves.</summary>
    private static async Task<(Guid PlanId, List<Guid> Leaves)> SeedAsync(IDocumentStore store, int tasks, CancellationToken ct)
    {
        var planId = Guid.CreateVersion7();
        var rootId = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var events = new List<object> { new PlanCreated(planId, $"Write cost at {tasks} tasks", "Measure what one write costs.", rootId, Guid.CreateVersion7(), now) };
        var leaves = new List<Guid>();
        var parent = rootId;
        var parents = 0;
        var order = 0;
        var grouped = tasks > LeavesPerParent + 1;
        for (var added = 1; added < tasks; added++)
        {
            if (grouped && (parent == rootId || order == LeavesPerParent))
            {
                parent = Guid.CreateVersion7();
                events.Add(new TaskAdded(planId, parent, rootId, $"Group {parents}", "A group of leaves.", TaskMode.Autonomous, [], [], parents++, Guid.CreateVersion7(), TaskOrigin.Manual, now));
                order = 0;
                continue;
            }

            var leaf = Guid.CreateVersion7();
            events.Add(new TaskAdded(planId, leaf, parent, $"Leaf {leaves.Count}", "Do one small thing and report it.", TaskMode.Autonomous, [], [], order++, Guid.CreateVersion7(), TaskOrigin.Manual, now));
            leaves.Add(leaf);
        }

        await AppendAsync(store, planId, events, ct);
        return (planId, leaves);
    }

    private static async Task AppendAsync(IDocumentStore store, Guid planId, List<object> events, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream<Plan>(planId, events);
        PlanStorage.Record(session, null, PlanWriter.Fold(Plan.Initial, events));
        await session.SaveChangesAsync(ct);
    }
}
