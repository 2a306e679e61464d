extern alias gateway;
extern alias promptanalytics;

using System.Globalization;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Benchmarks.PromptAnalytics;
using Orchestrator.Testing;

// Resolve latency under concurrent clients over real HTTP (through the YARP gateway, and direct for comparison) and
// outcome ingestion rate, on real PostgreSQL and RabbitMQ started locally. Usage: [--clients N] [--seconds S] [--events N]
var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"PromptAnalytics benchmark: {options.Clients} concurrent clients, {options.Seconds} s per latency run, {options.Events} outcome events; {Environment.ProcessorCount} cores");

// WebApplicationFactory looks for each service's content root beside the solution; a console app names it explicitly.
foreach (var assembly in new[] { "ORCHESTRATOR_PROMPTANALYTICS", "ORCHESTRATOR_GATEWAY" })
{
    Environment.SetEnvironmentVariable($"ASPNETCORE_TEST_CONTENTROOT_{assembly}", AppContext.BaseDirectory);
}

using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(3));
await using var infrastructure = await Infrastructure.StartAsync(startup.Token);
var settings = new Dictionary<string, string?>
{
    ["ConnectionStrings:postgres"] = await infrastructure.CreateDatabaseAsync("bench"),
    ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
    ["Logging:LogLevel:Default"] = "Warning",
};
await using var analytics = new ServiceHost<promptanalytics::Program>(settings);
using var direct = analytics.StartClient();
var gatewaySettings = new Dictionary<string, string?>(settings) { ["Logging:LogLevel:Default"] = "Warning" };
foreach (var service in new[] { "planner", "executor", "conversation", "promptanalytics" })
{
    gatewaySettings[$"services:{service}:http:0"] = service == "promptanalytics" ? analytics.BaseAddress.ToString().TrimEnd('/') : "http://127.0.0.1:9";
}

await using var gatewayHost = new ServiceHost<gateway::Program>(gatewaySettings);
using var viaGateway = gatewayHost.StartClient();
Console.WriteLine($"Servers: {infrastructure.Description}; PromptAnalytics {analytics.BaseAddress}, gateway {gatewayHost.BaseAddress}");

// An experiment makes resolve do its real work: load the template, then find or make the subject's assignment.
await Http.PostAsync(direct, "/api/prompts/decompose/versions", new { text = "Split {{$request}} into self-contained subtasks.", note = "benchmark" });
var experiment = await Http.PostAsync<IdOnly>(direct, "/api/experiments", new
{
    prompt = "decompose",
    variants = new[] { new { versionId = "decompose:1", weight = 1.0 }, new { versionId = "decompose:2", weight = 1.0 } },
});
var known = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid()).ToArray();
await Parallel.ForEachAsync(known, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, ct) =>
    await Http.GetAsync(direct, $"/api/prompts/decompose/resolve?subject={s}", ct));

var runs = new List<LatencyRun>
{
    await LatencyRun.MeasureAsync("baseline: GET /alive via gateway", viaGateway, _ => "/alive", options),
    await LatencyRun.MeasureAsync("baseline: GET /api/prompts/{name}/resolve direct, no experiment (production label)", direct, _ => $"/api/prompts/execute/resolve?subject={Guid.NewGuid()}", options),
    await LatencyRun.MeasureAsync("resolve, assigned subject, direct", direct, r => $"/api/prompts/decompose/resolve?subject={known[r.Next(known.Length)]}", options),
    await LatencyRun.MeasureAsync("resolve, assigned subject, via gateway", viaGateway, r => $"/api/prompts/decompose/resolve?subject={known[r.Next(known.Length)]}", options),
    await LatencyRun.MeasureAsync("resolve, new subject (first assignment written), via gateway", viaGateway, _ => $"/api/prompts/decompose/resolve?subject={Guid.NewGuid()}", options),
};

Console.WriteLine();
Console.WriteLine($"{"resolve latency",-80} {"requests",9} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
foreach (var run in runs)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Name,-80} {run.Count,9} {run.Throughput,8:0} {run.P50,8:0.0} {run.P99,8:0.0} {run.Errors,7}"));
}

// Ingestion: model-call events on the bus, consumed, attributed and stored once each.
var store = analytics.Services.GetRequiredService<IDocumentStore>();
var bus = analytics.Services.GetRequiredService<IBus>();
var baseline = await IngestionRun.BaselineAsync(store, options.Events, writers: 8);
var consumed = await IngestionRun.BusAsync(store, bus, known, options.Events);
var posted = await IngestionRun.HttpAsync(store, direct, known, Math.Min(options.Events, 4_000), options.Clients);

Console.WriteLine();
Console.WriteLine($"{"outcome ingestion",-80} {"events",9} {"events/s",9}");
foreach (var (name, events, seconds) in new[] { baseline, consumed, posted })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-80} {events,9} {events / seconds,9:0}"));
}

var results = await Http.GetAsync(direct, $"/api/experiments/{experiment.Id}/results", CancellationToken.None);
Console.WriteLine();
Console.WriteLine($"Experiment after the run: {results[..Math.Min(results.Length, 400)]}…");
return 0;

internal sealed record IdOnly(Guid Id);

internal sealed record BenchmarkOptions(int Clients, int Seconds, int Events)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Read(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkOptions(Read("--clients", 64), Read("--seconds", 10), Read("--events", 10_000));
    }
}
