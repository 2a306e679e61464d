extern alias planner;

using System.Globalization;
using System.Runtime;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Benchmarks.Planner;
using Orchestrator.Testing;

// The Planner over real HTTP on real PostgreSQL and RabbitMQ started locally: rebuilding one long plan at a chosen
// version (against the bare event fetch), and tree edits at 1 and N concurrent clients, each on its own plan or all on one.
// Usage: [--events N] [--seconds S] [--clients N] [--repeats R] [--seed N]
if (BenchmarkOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop cleanly, so the servers and the Planner this run started are stopped on the way out.
    e.Cancel = true;
    stop.Cancel();
};

var tasks = Math.Clamp(options.Events / 32, 1, 3_000);
var warmUp = TimeSpan.FromSeconds(Math.Min(2, options.Seconds));
Console.WriteLine($"Planner benchmark: one plan stream of {options.Events:N0} events ({tasks:N0} TaskAdded, the rest TaskEdited), each rebuild read {options.Repeats}×; " +
    $"edit runs of {options.Seconds} s after {warmUp.TotalSeconds:0} s of warm-up at 1 and {options.Clients} clients; seed {options.Seed}");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC. " +
    "The Planner runs in this process on a real Kestrel port with its async daemon off: nothing is relayed to RabbitMQ.");
if (File.Exists("/proc/loadavg"))
{
    // Other work on the machine shows in every figure; say how much there was.
    Console.WriteLine($"Load average at start (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
}

// WebApplicationFactory looks for the service's content root beside the solution; a console app names it explicitly.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ORCHESTRATOR_PLANNER", AppContext.BaseDirectory);

using var startup = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
startup.CancelAfter(TimeSpan.FromMinutes(3));
await using var infrastructure = await Infrastructure.StartAsync(startup.Token);
var database = await infrastructure.CreateDatabaseAsync("plannerbench", startup.Token);
var settings = new Dictionary<string, string?>
{
    ["ConnectionStrings:postgres"] = database,
    ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
    ["Orchestrator:EventStore:RunDaemon"] = "false",
    // Nothing here decomposes, so the Planner starts without the model or PromptAnalytics; a closed port makes any
    // call that should not happen fail instead of reaching a simulator some other process left on the default port.
    ["services:modelsim:http:0"] = "http://127.0.0.1:9",
    ["services:promptanalytics:http:0"] = "http://127.0.0.1:9",
    ["Logging:LogLevel:Default"] = "Warning",
    // Marten logs every lost version race (a 409 here, counted) as an error with its stack; that output would drown the figures.
    ["Logging:LogLevel:Marten"] = "Critical",
};
await using var plannerHost = new ServiceHost<planner::Program>(settings);
using var client = plannerHost.StartClient();
Console.WriteLine($"Servers: {infrastructure.Description}; Planner {plannerHost.BaseAddress}");

try
{
    if (options.Patterns > 0)
    {
        await PatternSearchBenchmark.RunAsync(plannerHost.Services.GetRequiredService<IDocumentStore>(), database, options.Patterns, options.Seed, stop.Token);
        return 0;
    }

    if (options.WriteCost > 0)
    {
        var rows = new List<WriteCostRow>();
        foreach (var size in new[] { 5, 500, 5_000 })
        {
            rows.AddRange(await WriteCostBenchmark.MeasureAsync(plannerHost.Services.GetRequiredService<IDocumentStore>(),
                plannerHost.Services.GetRequiredService<planner::Orchestrator.Planner.Plans.Progressing.PlanReportBatcher>(), client, database, size, options.WriteCost, stop.Token));
        }

        WriteCostBenchmark.Print(rows);
        return 0;
    }

    await RebuildAsync(plannerHost.Services.GetRequiredService<IDocumentStore>(), client, options, tasks, stop.Token);
    await EditAsync(client, options, warmUp, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped.");
    return 130;
}

return 0;

static async Task RebuildAsync(IDocumentStore store, HttpClient client, BenchmarkOptions options, int tasks, CancellationToken ct)
{
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var plan = LargePlan.Generate(options.Events, tasks, options.Seed);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Generated {plan.Events.Count:N0} events through the Planner's decisions in {watch.Elapsed.TotalSeconds:0.0} s; the tree ends with {plan.Final.Tasks.Count:N0} tasks."));
    var appended = await RebuildBenchmark.AppendAsync(store, plan, ct);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Appended them to plan {plan.Id} in {appended.TotalSeconds:0.0} s ({plan.Events.Count / appended.TotalSeconds:N0} events/s, {RebuildBenchmark.BatchSize:N0} per transaction, the plan's documents in the last)."));

    // JIT, connection pools and Marten's compiled code, outside the measured reads.
    await RebuildBenchmark.AtVersionAsync("warm-up", store, client, plan, Math.Min(100, plan.Events.Count), 3, ct);
    await RebuildBenchmark.CurrentAsync(store, client, plan, 1, ct);

    var random = new Random(options.Seed);
    var versions = new[] { 1_000L, plan.Events.Count / 2, plan.Events.Count }.Where(v => v <= plan.Events.Count).Distinct()
        .Select(v => (Name: $"version {v:N0}", Version: v))
        .Append((Name: "random version", Version: random.NextInt64(1, plan.Events.Count + 1)));
    var rows = new List<RebuildRow>();
    foreach (var (name, version) in versions)
    {
        rows.Add(await RebuildBenchmark.AtVersionAsync(name, store, client, plan, version, options.Repeats, ct));
    }

    rows.Add(await RebuildBenchmark.CurrentAsync(store, client, plan, options.Repeats, ct));

    Console.WriteLine();
    Console.WriteLine($"Rebuild through GET /api/plans/{{id}}?version=N (p50 of {options.Repeats}); baseline: Marten FetchStreamAsync of the same events, no fold; fold: PlanHistory.At in process");
    Console.WriteLine($"{"read",-28} {"version",9} {"tasks",6} {"API ms",9} {"API ev/s",10} {"baseline",9} {"ms",8} {"ev/s",10} {"fold ms",8} {"API ÷ baseline",15}");
    foreach (var row in rows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{row.Name,-28} {row.Version,9:N0} {row.Tasks,6:N0} {row.ApiP50,9:0.0} {Rate(row.Version, row.ApiP50),10} {row.RawName,9} {row.RawP50,8:0.0} {Rate(row.Version, row.RawP50),10} {(double.IsNaN(row.FoldP50) ? "–" : row.FoldP50.ToString("0.0", CultureInfo.InvariantCulture)),8} {row.ApiP50 / row.RawP50,14:0.0}×"));
    }

    Console.WriteLine("(current state: the plan's documents, so ev/s is the stream length over one read, not events folded)");
}

static async Task EditAsync(HttpClient client, BenchmarkOptions options, TimeSpan warmUp, CancellationToken ct)
{
    var duration = TimeSpan.FromSeconds(options.Seconds);
    var seed = options.Seed * 100;
    async Task<List<SeededPlan>> PlansAsync(int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => EditBenchmark.CreatePlanAsync(client, Interlocked.Increment(ref seed), ct)))];

    var single = await EditBenchmark.MeasureAsync("1 client, own plan", client, await PlansAsync(1), warmUp, duration, options.Seed, ct);
    var own = await EditBenchmark.MeasureAsync($"{options.Clients} clients, each on its own plan", client, await PlansAsync(options.Clients), warmUp, duration, options.Seed, ct);
    var shared = (await PlansAsync(1))[0];
    var together = await EditBenchmark.MeasureAsync($"{options.Clients} clients, all on one plan", client, Enumerable.Repeat(shared, options.Clients).ToList(), warmUp, duration, options.Seed, ct);

    Console.WriteLine();
    Console.WriteLine($"Tree edits over HTTP (4 in 5 PATCH title+objective, 1 in 5 POST child task), no If-Match; plans start with {EditBenchmark.SeedTasks + 1} tasks");
    Console.WriteLine($"{"run",-36} {"clients",7} {"edits",7} {"edits/s",8} {"p50 ms",7} {"p99 ms",7} {"409s",6} {"tasks at end",13}");
    foreach (var run in new[] { single, own, together })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.Name,-36} {run.Clients,7} {run.Edits,7} {run.Throughput,8:0} {run.P50,7:0.0} {run.P99,7:0.0} {run.Conflicts,6} {run.TasksAfter,13:0}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Throughput at {options.Clients} clients ÷ at 1: own plans {own.Throughput / single.Throughput:0.00}×, one shared plan {together.Throughput / single.Throughput:0.00}×"));
}

static string Rate(long events, double milliseconds) => (events / (milliseconds / 1000)).ToString("N0", CultureInfo.InvariantCulture);
