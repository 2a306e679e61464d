extern alias planner;

using System.Diagnostics;
using System.Globalization;
using Marten;
using Npgsql;
using planner::Orchestrator.Planner.Patterns;
using planner::Orchestrator.Planner.Plans;

namespace Orchestrator.Benchmarks.Planner;

/// <summary>
/// Retrieval from a large gallery: N synthetic patterns (requests and trees written from a vocabulary of kinds of work), then
/// the planner's query for requests worded like people's, timed end to end through Marten, next to the same query forced
/// past the GIN index (a full scan) in the same run.
/// </summary>
internal static class PatternSearchBenchmark
{
    private static readonly string[] Verbs = ["Add", "Build", "Create", "Set up", "Migrate", "Design", "Integrate", "Write"];

    private static readonly string[][] Topics =
    [
        ["shopping cart", "checkout", "payment", "products", "order"], ["user authentication", "login", "password", "session", "oauth"],
        ["blog", "posts", "comments", "tags", "rss"], ["ci pipeline", "build", "deploy", "tests", "release"],
        ["database migration", "postgresql", "schema", "backfill", "cut-over"], ["rate limiting", "api", "quota", "throttle", "redis"],
        ["push notifications", "mobile", "devices", "android", "ios"], ["analytics dashboard", "charts", "revenue", "metrics", "export"],
        ["real-time chat", "messages", "websocket", "rooms", "typing"], ["product search", "index", "filters", "relevance", "typo"],
        ["subscription billing", "invoices", "plans", "trial", "stripe"], ["localization", "translations", "languages", "locale", "formats"],
        ["documentation site", "guides", "reference", "tutorials", "faq"], ["churn model", "features", "training", "prediction", "drift"],
        ["onboarding emails", "welcome", "sequence", "campaign", "opens"], ["file uploads", "images", "storage", "thumbnails", "virus"],
        ["audit log", "events", "retention", "compliance", "export"], ["feature flags", "rollout", "targeting", "experiments", "toggle"],
        ["backup", "restore", "snapshots", "recovery", "encryption"], ["admin panel", "users", "roles", "permissions", "moderation"],
    ];

    private static readonly string[] Owners = ["my shop", "our app", "the platform", "my SaaS", "the website", "our service", "the mobile app", "our team"];

    public static async Task RunAsync(IDocumentStore store, string connectionString, int patterns, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var started = Stopwatch.StartNew();
        for (var saved = 0; saved < patterns; saved += 500)
        {
            await using var session = store.LightweightSession();
            for (var i = saved; i < Math.Min(patterns, saved + 500); i++)
            {
                var (request, tasks) = Pattern(random);
                var id = Guid.CreateVersion7();
                session.Events.StartStream<Pattern>(id, new PatternSaved(id, Guid.CreateVersion7(), $"Pattern {i}", request, tasks, PatternOrigin.Proven, DateTimeOffset.UtcNow));
            }

            await session.SaveChangesAsync(ct);
        }

        Console.WriteLine($"Gallery: {patterns:N0} patterns saved in {started.Elapsed.TotalSeconds:0.0} s.");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var analyze = new NpgsqlCommand("analyze planner.mt_doc_pattern", connection);
            await analyze.ExecuteNonQueryAsync(ct);
            await using var explain = new NpgsqlCommand(
                $"explain select data from planner.mt_doc_pattern where {PatternSearch.Vector} @@ to_tsquery('{PatternSearch.Configuration}', 'cart | checkout | payment')", connection);
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    plan.Add(reader.GetString(0));
                }
            }

            Console.WriteLine($"Query plan: {(plan.Any(l => l.Contains("Index Scan", StringComparison.Ordinal)) ? "the GIN index" : "NO INDEX")} ({plan.FirstOrDefault()?.Trim()})");
        }

        var requests = Enumerable.Range(0, 200).Select(_ => Request(random)).ToList();
        var indexed = new List<double>();
        var scanned = new List<double>();
        await using var query = store.QuerySession();
        foreach (var request in requests.Take(20))
        {
            // Warm-up: connection pool, Marten's compiled paths, PostgreSQL's caches.
            await PatternSearch.FindAsync(query, request, 3, ct);
        }

        foreach (var request in requests)
        {
            var watch = Stopwatch.StartNew();
            var found = await PatternSearch.FindAsync(query, request, 3, ct);
            indexed.Add(watch.Elapsed.TotalMilliseconds);
            if (found.Count == 0)
            {
                throw new InvalidOperationException($"No pattern found for '{request}'.");
            }
        }

        foreach (var request in requests.Take(50))
        {
            var watch = Stopwatch.StartNew();
            await ScanAsync(query, request, ct);
            scanned.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine();
        Console.WriteLine($"Retrieval of the best 3 of {patterns:N0} patterns, {indexed.Count} requests:");
        Console.WriteLine($"  with the GIN index      p50 {Percentiles.Of(indexed, 0.5),7:0.00} ms   p95 {Percentiles.Of(indexed, 0.95),7:0.00} ms   p99 {Percentiles.Of(indexed, 0.99),7:0.00} ms");
        Console.WriteLine($"  full scan ({scanned.Count} requests) p50 {Percentiles.Of(scanned, 0.5),7:0.00} ms   p95 {Percentiles.Of(scanned, 0.95),7:0.00} ms   p99 {Percentiles.Of(scanned, 0.99),7:0.00} ms");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the index is {Percentiles.Of(scanned, 0.5) / Percentiles.Of(indexed, 0.5):0.0}× faster at p50"));
    }

    /// <summary>The same search over an expression the index does not cover, so PostgreSQL reads every pattern.</summary>
    private static Task<IReadOnlyList<Pattern>> ScanAsync(IQuerySession session, string request, CancellationToken ct) =>
        PatternSearch.FindAsync(session, request, 3, $"to_tsvector('{PatternSearch.Configuration}'::regconfig, (data ->> 'searchText') || '')", ct);

    private static (string Request, List<PatternTask> Tasks) Pattern(Random random)
    {
        var topic = Topics[random.Next(Topics.Length)];
        var owner = Owners[random.Next(Owners.Length)];
        var request = $"{Verbs[random.Next(Verbs.Length)]} {topic[0]} with {topic[1 + random.Next(4)]} and {topic[1 + random.Next(4)]} for {owner}";
        var tasks = new List<PatternTask>();
        string[] steps = ["Research", "Design", "Implement", "Test"];
        for (var i = 0; i < steps.Length; i++)
        {
            var detail = topic[1 + random.Next(4)];
            tasks.Add(new PatternTask(Guid.CreateVersion7(), null, $"{steps[i]} {topic[0]}", $"{steps[i]} the {topic[0]} of {owner}, covering {detail}.",
                i == 1 ? TaskMode.Interactive : TaskMode.Autonomous, i == 0 ? [] : [tasks[i - 1].Id], [$"{steps[i]} notes"], i));
        }

        return (request, tasks);
    }

    private static string Request(Random random)
    {
        var topic = Topics[random.Next(Topics.Length)];
        return $"We need {topic[1 + random.Next(4)]} and {topic[1 + random.Next(4)]} in {Owners[random.Next(Owners.Length)]}: {topic[0]}";
    }
}
