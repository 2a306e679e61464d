using System.Globalization;

namespace Orchestrator.Benchmarks.Planner;

/// <summary>Command-line settings; every one has a default, so the benchmark runs with none.</summary>
internal sealed record BenchmarkOptions(int Events, int Seconds, int Clients, int Repeats, int Seed, int WriteCost, int Patterns)
{
    public const string Usage = "Usage: [--events N (100000)] [--seconds S (10)] [--clients N (16)] [--repeats R (5)] [--seed N (1)] [--write-cost W (0): only the cost of W writes at 5, 500 and 5,000 tasks] [--patterns N (0): only retrieval from a gallery of N patterns]";

    public static BenchmarkOptions? Parse(string[] args)
    {
        var known = new[] { "--events", "--seconds", "--clients", "--repeats", "--seed", "--write-cost", "--patterns" };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i]) || i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out _))
            {
                return null;
            }
        }

        int Read(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var options = new BenchmarkOptions(Read("--events", 100_000), Read("--seconds", 10), Read("--clients", 16), Read("--repeats", 5), Read("--seed", 1), Read("--write-cost", 0), Read("--patterns", 0));
        return options is { Events: >= 2, Seconds: >= 1, Clients: >= 1, Repeats: >= 1, WriteCost: >= 0, Patterns: >= 0 } ? options : null;
    }
}
