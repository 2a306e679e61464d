using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Orchestrator.Testing;
using Orchestrator.Benchmarks.Executor.Baseline;
using Orchestrator.Benchmarks.Executor.Dags;
using Orchestrator.Benchmarks.Executor.Measuring;
using Orchestrator.Benchmarks.Executor.Services;

namespace Orchestrator.Benchmarks.Executor;

/// <summary>
/// One run: local PostgreSQL and RabbitMQ, every service as its own process, a warm-up plan, then the
/// measured plan (approve → finished), then the same DAG as an Agent Framework workflow in a process of
/// its own against the same simulator; prints the figures and ratios.
/// </summary>
internal static class ExecutorBenchmark
{
    private const int LightChainTasks = 6;

    /// <summary>The CPU each process spent from approval to finish, that window, and what PostgreSQL did in it (and for a moment after).</summary>
    private sealed record Work(IReadOnlyList<(string Group, double Seconds)> Spent, TimeSpan Window, DatabaseWork Database);

    /// <summary>What a chain of tasks run one at a time showed.</summary>
    private sealed record LightLoad(PlanFigures Figures, IReadOnlyList<Hop> Hops);

    /// <summary>With no task finishing for this long, the plan is stuck (a lost report), not slow.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var dag = TaskDag.Generate(options.Tasks, options.Seed);
        Console.WriteLine($"DAG (seed {options.Seed}): {dag.Describe()}");
        Console.WriteLine($"Model: simulator, {options.LatencyMs} ms per call, no token latency; concurrency {options.Concurrency}");

        var logs = options.LogDirectory ?? Directory.CreateTempSubdirectory("orchestrator-benchmark-").FullName;
        Directory.CreateDirectory(logs);
        var services = new Dictionary<string, ServiceProcess>();
        Infrastructure? infrastructure = null;
        try
        {
            var clock = Stopwatch.StartNew();
            Console.WriteLine("Starting PostgreSQL and RabbitMQ…");
            infrastructure = await Infrastructure.StartAsync(ct);
            var database = await infrastructure.CreateDatabaseAsync("benchmark", ct);
            await StartServicesAsync(services, options, database, infrastructure.RabbitMqUri, logs, ct);
            Console.WriteLine($"Infrastructure ({infrastructure.Description}) and {services.Count} services up in {clock.Elapsed.TotalSeconds:0.0} s; logs in {logs}");

            using var planner = new PlannerClient(services["Planner"].BaseAddress);
            // The services' code settles (JIT tiers, caches, connection pools) over the warm-up, as in a service that has been running.
            var warmUp = TaskDag.Generate(options.WarmUpTasks, 1);
            var (_, warmUpFigures, _) = await RunPlanAsync(planner, warmUp, "Warm-up", TimeSpan.FromMinutes(3), services, database, ct);
            Console.WriteLine($"Warm-up plan of {warmUp.Count} tasks: {warmUpFigures.Status} in {warmUpFigures.Wall.TotalSeconds:0.00} s");
            var idle = await IdleWorkingSetsAsync(services, ct);

            // Light load: one task at a time, so each task's overhead above its model call is all there is to see.
            var chain = TaskDag.Chain(LightChainTasks);
            var (chainPlan, chainFigures, _) = await RunPlanAsync(planner, chain, "Light-load chain", TimeSpan.FromMinutes(2), services, database, ct);
            var chainHops = await HopFigures.ReadAsync(database, chainPlan.PlanId, ct);

            var (plan, figures, cpu) = await RunPlanAsync(planner, dag, "Benchmark", options.Timeout, services, database, ct);
            var peaks = services.ToDictionary(s => s.Key, s => s.Value.PeakWorkingSet());
            var hops = await HopFigures.ReadAsync(database, plan.PlanId, ct);

            Console.WriteLine("Running the same DAG as a Microsoft Agent Framework workflow (its own process)…");
            var baseline = await RunBaselineAsync(options, services["ModelSimulator"].BaseAddress, logs, ct);

            Print(options, dag, figures, baseline, peaks, cpu, services, hops, new LightLoad(chainFigures, chainHops), idle);
            return figures.Status == "completed" ? 0 : 1;
        }
        finally
        {
            foreach (var service in services.Values.Reverse())
            {
                await service.DisposeAsync();
            }

            if (infrastructure is not null)
            {
                await infrastructure.DisposeAsync();
            }

            if (options.LogDirectory is null)
            {
                TryDelete(logs);
            }
        }
    }

    /// <summary>Each service's memory (PSS and RSS) once it has settled after the warm-up: no plan running, a full garbage collection's chance taken.</summary>
    private static async Task<Dictionary<string, (long? Pss, long? Rss)>> IdleWorkingSetsAsync(Dictionary<string, ServiceProcess> services, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        return services.Where(s => s.Key != "ModelSimulator").ToDictionary(s => s.Key, s => (s.Value.ProportionalSet(), s.Value.WorkingSet()));
    }

    private static async Task StartServicesAsync(
        Dictionary<string, ServiceProcess> services, BenchmarkOptions options, string database, Uri rabbitMq, string logs, CancellationToken ct)
    {
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings__postgres"] = database,
            ["ConnectionStrings__rabbitmq"] = rabbitMq.ToString(),
            // Per-message information logs would measure the console, not the system.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var simulator = await ServiceProcess.StartAsync("ModelSimulator", new Dictionary<string, string?>(shared)
        {
            ["Simulator__LatencyMs"] = options.LatencyMs.ToString(CultureInfo.InvariantCulture),
            ["Simulator__TokenLatencyMs"] = "0",
            ["Simulator__KeepRequests"] = "50",
        }, logs, ct);
        services["ModelSimulator"] = simulator;
        var promptAnalytics = await ServiceProcess.StartAsync("PromptAnalytics", shared, logs, ct);
        services["PromptAnalytics"] = promptAnalytics;
        var discovery = new Dictionary<string, string?>(shared)
        {
            ["services__modelsim__http__0"] = simulator.BaseAddress.ToString().TrimEnd('/'),
            ["services__promptanalytics__http__0"] = promptAnalytics.BaseAddress.ToString().TrimEnd('/'),
        };
        var concurrency = options.Concurrency.ToString(CultureInfo.InvariantCulture);
        var started = await Task.WhenAll(
            ServiceProcess.StartAsync("Planner", discovery, logs, ct),
            ServiceProcess.StartAsync("Executor", new Dictionary<string, string?>(shared)
            {
                ["Orchestrator__Executor__MaxConcurrency"] = concurrency,
                ["Orchestrator__Executor__MaxConcurrencyPerPlan"] = concurrency,
                // A task with no expected outputs completes on its first reply; one turn is one model call.
                ["Orchestrator__Executor__MaxTurns"] = "1",
            }, logs, ct),
            ServiceProcess.StartAsync("Conversation", discovery, logs, ct));
        foreach (var service in started)
        {
            services[service.Name] = service;
        }
    }

    private static async Task<(BuiltPlan Plan, PlanFigures Figures, Work Cpu)> RunPlanAsync(
        PlannerClient planner, TaskDag dag, string title, TimeSpan timeout, Dictionary<string, ServiceProcess> services, string database, CancellationToken ct)
    {
        var building = Stopwatch.StartNew();
        var lastShown = TimeSpan.Zero;
        var plan = await planner.CreateAsync(dag, title, new Progress<int>(added =>
        {
            if (building.Elapsed - lastShown > TimeSpan.FromSeconds(5))
            {
                lastShown = building.Elapsed;
                Console.WriteLine($"  {title}: {added}/{dag.Count} tasks added ({building.Elapsed.TotalSeconds:0} s)");
            }
        }), ct);
        if (dag.Count > 8)
        {
            Console.WriteLine($"  {title}: plan of {dag.Count} tasks built through the API in {building.Elapsed.TotalSeconds:0.0} s");
        }

        var databaseBefore = await DatabaseWork.SnapshotAsync(database, ct);
        var cpuBefore = CpuTimes.Snapshot();
        var cpuWindow = Stopwatch.StartNew();
        await planner.ApproveAsync(plan.PlanId, ct);
        var waiting = Stopwatch.StartNew();
        var sinceProgress = Stopwatch.StartNew();
        var status = "running";
        var finishedTasks = 0;
        while (status == "running")
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var now = await planner.GetAsync(plan.PlanId, ct);
            status = now["status"]!.GetValue<string>();
            var tasks = now["tasks"]!.AsArray().Select(t => t!["status"]!.GetValue<string>()).ToList();
            if (dag.Count > 8)
            {
                var counts = string.Join(", ", tasks.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
                Console.WriteLine($"  {waiting.Elapsed.TotalSeconds,5:0} s  plan {status}: {counts}");
            }

            if (services.Values.FirstOrDefault(s => s.HasExited) is { } died)
            {
                throw new InvalidOperationException($"{died.Name} exited during the run; see {died.LogPath}.");
            }

            var finishedNow = tasks.Count(t => t is "completed" or "failed" or "cancelled");
            if (finishedNow != finishedTasks)
            {
                finishedTasks = finishedNow;
                sinceProgress.Restart();
            }

            if (sinceProgress.Elapsed > StallLimit)
            {
                Console.WriteLine($"  {title}: no task finished for {StallLimit.TotalSeconds:0} s; the plan is stuck. Figures below are of what happened until then.");
                Console.WriteLine($"  Messages given up on after retries (R-FAULT): {string.Join(", ", services.Values.Select(s => $"{s.Name} {s.Faults}"))}");
                break;
            }

            if (waiting.Elapsed > timeout)
            {
                Console.WriteLine($"  {title}: gave up after {timeout.TotalSeconds:0} s; figures below are of what happened until then.");
                break;
            }
        }

        var spent = CpuTimes.Spent(cpuBefore, CpuTimes.Snapshot(), services.Values.ToDictionary(s => s.ProcessId, s => s.Name));
        var window = cpuWindow.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        var cpu = new Work(spent, window, (await DatabaseWork.SnapshotAsync(database, ct)).Since(databaseBefore));
        var figures = PlanFigures.Read(await planner.HistoryAsync(plan.PlanId, ct), dag, plan);
        return (plan, figures, cpu);
    }

    private static async Task<BaselineResult?> RunBaselineAsync(BenchmarkOptions options, Uri simulator, string logs, CancellationToken ct)
    {
        var output = new List<string>();
        var self = Assembly.GetExecutingAssembly().Location;
        var start = new ProcessStartInfo("dotnet",
            [
                self, AgentFrameworkBaseline.Command,
                "--tasks", options.Tasks.ToString(CultureInfo.InvariantCulture),
                "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
                "--concurrency", options.Concurrency.ToString(CultureInfo.InvariantCulture),
                "--simulator", simulator.ToString(),
            ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start)!;
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Add(e.Data);
                }
            }
        };
        child.OutputDataReceived += collect;
        child.ErrorDataReceived += collect;
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Timeout);
        try
        {
            await child.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }

        var exit = child.ExitCode;
        await Task.Delay(200, ct);
        string[] lines;
        lock (output)
        {
            lines = [.. output];
        }

        await File.WriteAllLinesAsync(Path.Combine(logs, "agent-framework-baseline.log"), lines, ct);
        var last = lines.LastOrDefault(l => l.StartsWith('{'));
        if (exit != 0 || last is null)
        {
            Console.WriteLine($"  The Agent Framework baseline failed (exit {exit}):");
            foreach (var line in lines.TakeLast(15))
            {
                Console.WriteLine($"    {line}");
            }

            return null;
        }

        return JsonSerializer.Deserialize<BaselineResult>(last);
    }

    private static void Print(
        BenchmarkOptions options, TaskDag dag, PlanFigures ours, BaselineResult? theirs, Dictionary<string, long?> peaks,
        Work cpu, Dictionary<string, ServiceProcess> services,
        IReadOnlyList<Hop> hops, LightLoad light, Dictionary<string, (long? Pss, long? Rss)> idle)
    {
        var call = TimeSpan.FromMilliseconds(options.LatencyMs);
        var byPath = dag.CriticalPath * call;
        var byWork = dag.Count * call / options.Concurrency;
        var lowerBound = (byPath > byWork ? byPath : byWork) + call;
        var rows = new List<(string Figure, string Value)>
        {
            ("plan outcome", $"{ours.Status}, {ours.TasksCompleted}/{dag.Count} tasks completed, {ours.Attempts} attempts, {ours.HistoryEvents} events"),
            ("lower bound", $"{S(lowerBound)}  = max({dag.CriticalPath} × {options.LatencyMs} ms, {dag.Count} × {options.LatencyMs} ms ÷ {options.Concurrency}) + {options.LatencyMs} ms root aggregation"),
            ("wall, Orchestrator (approve → plan finished)", ours.Wall > TimeSpan.Zero ? S(ours.Wall) : "did not finish"),
            ("wall, Agent Framework workflow", theirs is null ? "failed" : $"{S(TimeSpan.FromMilliseconds(theirs.WallMs))}  ({theirs.Calls} model calls, {theirs.Supersteps} supersteps)"),
            ("ready → started            p50 / p99 / max", P(ours.ReadyToStarted)),
            ("completed → dependents ready p50 / p99 / max", P(ours.CompletedToDependentsReady)),
            ("started → completed (1 call) p50 / p99 / max", P(ours.StartedToCompleted)),
            ("completed → recorded in plan p50 / p99 / max", P(ours.CompletedToRecorded)),
            ("last task completed → plan finished", ours.Wall > TimeSpan.Zero ? S(ours.LastTaskToFinished) + "  (root aggregation: one model call)" : "did not finish"),
        };
        foreach (var hop in hops)
        {
            rows.Add(($"{(hop.WithinService ? "step" : "hop")} {hop.Boundary} p50 / p99 / max", $"{P(hop.Latency)}  {hop.Path}"));
            if (hop is { Delivery: { } delivery, Storing: { } storing })
            {
                rows.Add(("  of which delivery / storing p50 / p99", $"{delivery.P50:0} / {delivery.P99:0} ms, {storing.P50:0} / {storing.P99:0} ms  (stored → decided by the next service, decided → stored)"));
            }
        }

        var chainLowerBound = (light.Figures.TasksCompleted + 1) * call;
        var overhead = light.Figures.Wall > TimeSpan.Zero ? (light.Figures.Wall - chainLowerBound) / LightChainTasks : (TimeSpan?)null;
        rows.Add(($"light load: chain of {LightChainTasks}, wall", light.Figures.Wall > TimeSpan.Zero
            ? $"{S(light.Figures.Wall)} for {LightChainTasks} + 1 model calls of {options.LatencyMs} ms = {overhead!.Value.TotalMilliseconds:0} ms overhead per task"
            : "did not finish"));
        foreach (var hop in light.Hops)
        {
            rows.Add(($"light load: {(hop.WithinService ? "step" : "hop")} {hop.Boundary} p50 / max", hop.Latency.Count == 0 ? "no samples" : $"{hop.Latency.P50:0} / {hop.Latency.Max:0} ms"
                + (hop is { Delivery: { } delivery, Storing: { } storing } ? $"  (delivery {delivery.P50:0} ms, storing {storing.P50:0} ms)" : "")));
        }

        foreach (var (name, (pss, rss)) in idle)
        {
            rows.Add(($"memory at idle (PSS / RSS), {name}", $"{Mb(pss)} / {Mb(rss)}  (after the warm-up, nothing running; PSS shares the runtime's pages among the services)"));
        }
        foreach (var (name, peak) in peaks)
        {
            rows.Add(($"peak working set, {name}", Mb(peak) + (name == "ModelSimulator" ? "  (shared by both runs)" : "")));
        }

        rows.Add(("peak working set, Orchestrator services", Mb(peaks.Where(p => p.Key != "ModelSimulator").Sum(p => p.Value ?? 0)) + "  (Planner + Executor + Conversation + PromptAnalytics)"));
        rows.Add(("peak working set, Agent Framework process", Mb(theirs?.PeakWorkingSet)));
        // The window runs from approval to the poll that saw the plan finished, up to a second past the finish.
        var cpuTotal = cpu.Spent.Sum(c => c.Seconds);
        rows.Add(("CPU from approval to finish, all processes",
            $"{cpuTotal:0.0} s in {cpu.Window.TotalSeconds:0.0} s = {cpuTotal / cpu.Window.TotalSeconds:0.00} cores busy on average (this machine has {Environment.ProcessorCount})"));
        foreach (var (group, seconds) in cpu.Spent.Where(c => c.Seconds >= 0.05))
        {
            rows.Add(($"CPU from approval to finish, {group}", $"{seconds:0.0} s  ({seconds / Math.Max(cpuTotal, 0.001):P0}; {seconds * 1000 / dag.Count:0.0} ms per task)"));
        }

        var db = cpu.Database;
        rows.Add(("PostgreSQL work per task", $"{(double)db.Commits / dag.Count:0.0} transactions committed ({db.Rollbacks} rolled back in all)"));
        foreach (var (schema, work) in db.Schemas.Where(s => s.Value.RowsWritten + s.Value.RowsRead > 0).OrderByDescending(s => s.Value.RowsWritten))
        {
            rows.Add(($"PostgreSQL per task, schema {schema}",
                $"{(double)work.RowsWritten / dag.Count:0.0} rows written, {(double)work.RowsRead / dag.Count:0.0} rows read, " +
                $"{(double)work.IndexScans / dag.Count:0.0} index scans, {(double)work.SequentialScans / dag.Count:0.0} sequential scans"));
        }

        var mostRead = db.Tables.Where(t => t.Value.RowsRead > 0).OrderByDescending(t => t.Value.RowsRead).Take(5);
        rows.Add(("PostgreSQL rows read per task, top tables", string.Join(", ", mostRead.Select(t => $"{t.Key} {(double)t.Value.RowsRead / dag.Count:0} ({(double)t.Value.SequentialScans / dag.Count:0.0} sequential scans)"))));

        rows.Add(("service log lines warn / fail", string.Join(", ", services.Values.Select(s => $"{s.Name} {s.Warnings}/{s.Errors}"))));
        rows.Add(("messages faulted after retries (R-FAULT)", string.Join(", ", services.Values.Select(s => $"{s.Name} {s.Faults}"))));

        var width = rows.Max(r => r.Figure.Length);
        Console.WriteLine();
        Console.WriteLine($"Executor benchmark: {dag.Count} tasks (all autonomous, flat under the root), {options.LatencyMs} ms per model call, concurrency {options.Concurrency}");
        Console.WriteLine(new string('-', width + 50));
        foreach (var (figure, value) in rows)
        {
            Console.WriteLine($"{figure.PadRight(width)}  {value}");
        }

        Console.WriteLine(new string('-', width + 50));
        Console.WriteLine($"Orchestrator wall ÷ lower bound          = {Ratio(ours.Wall, lowerBound)}   (1.00 is the physical limit)");
        if (theirs is not null)
        {
            var theirWall = TimeSpan.FromMilliseconds(theirs.WallMs);
            Console.WriteLine($"Agent Framework wall ÷ lower bound       = {Ratio(theirWall, lowerBound)}");
            Console.WriteLine($"Orchestrator wall ÷ Agent Framework wall = {Ratio(ours.Wall, theirWall)}");
        }

        Console.WriteLine($"ready → started p50 / p99 per task       = {ours.ReadyToStarted.P50:0} / {ours.ReadyToStarted.P99:0} ms");
        Console.WriteLine($"completed → dependents ready p50 / p99   = {ours.CompletedToDependentsReady.P50:0} / {ours.CompletedToDependentsReady.P99:0} ms");

        var serviceCpu = cpu.Spent.Where(c => c.Group is "Planner" or "Executor" or "Conversation" or "PromptAnalytics").Sum(c => c.Seconds);
        var targets = new List<(string Target, double Value, double Limit, string Shown)>
        {
            ("wall ≤ 3 × lower bound", ours.Wall / lowerBound, 3, $"{ours.Wall / lowerBound:0.00} ×"),
            ("CPU ≤ 20 ms per task, the four services", serviceCpu * 1000 / dag.Count, 20, $"{serviceCpu * 1000 / dag.Count:0.0} ms"),
            ("CPU ≤ 20 ms per task, all processes", cpuTotal * 1000 / dag.Count, 20, $"{cpuTotal * 1000 / dag.Count:0.0} ms"),
        };
        if (theirs is not null)
        {
            var ratio = ours.Wall / TimeSpan.FromMilliseconds(theirs.WallMs);
            targets.Insert(1, ("wall ≤ 2 × Agent Framework workflow", ratio, 2, $"{ratio:0.00} ×"));
        }

        foreach (var hop in hops.Where(h => h.Latency.Count > 0 && !h.WithinService))
        {
            targets.Add(($"hop {hop.Boundary} p50 ≤ 20 ms", hop.Latency.P50, 20, $"{hop.Latency.P50:0} ms"));
            targets.Add(($"hop {hop.Boundary} p99 ≤ 100 ms", hop.Latency.P99, 100, $"{hop.Latency.P99:0} ms"));
        }

        if (overhead is { } perTask)
        {
            targets.Add(("light-load overhead per task ≤ 50 ms", perTask.TotalMilliseconds, 50, $"{perTask.TotalMilliseconds:0} ms"));
        }

        foreach (var (name, (pss, _)) in idle.Where(i => i.Value.Pss is not null))
        {
            targets.Add(($"memory at idle ≤ 150 MB (PSS), {name}", pss!.Value / (1024.0 * 1024), 150, Mb(pss)));
        }

        Console.WriteLine();
        Console.WriteLine($"Targets: {targets.Count(t => t.Value <= t.Limit)} of {targets.Count} met");
        var targetWidth = targets.Max(t => t.Target.Length);
        foreach (var (target, value, limit, shown) in targets)
        {
            Console.WriteLine($"  {(value <= limit ? "met    " : "not met")}  {target.PadRight(targetWidth)}  {shown}");
        }
    }

    private static string S(TimeSpan span) => $"{span.TotalSeconds:0.00} s";

    private static string P(Percentiles p) => p.Count == 0 ? "no samples" : $"{p.P50:0} / {p.P99:0} / {p.Max:0} ms  ({p.Count} tasks)";

    private static string Mb(long? bytes) => bytes is { } b ? $"{b / (1024.0 * 1024):0} MB" : "n/a";

    private static string Ratio(TimeSpan a, TimeSpan b) => a > TimeSpan.Zero && b > TimeSpan.Zero ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "n/a (the plan did not finish)";

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
