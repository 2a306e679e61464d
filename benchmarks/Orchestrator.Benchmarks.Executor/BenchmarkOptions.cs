using System.Globalization;

namespace Orchestrator.Benchmarks.Executor;

/// <summary>Command-line options; every figure of one run uses the same values.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/Orchestrator.Benchmarks.Executor -- [options]
          --tasks N          tasks in the DAG (default 500)
          --quick            same as --tasks 40, for a fast check
          --warm-up N        tasks in the warm-up plan run first, which is not measured (default: as many as --tasks, at most 200)
          --latency-ms N     simulator latency per model call (default 100)
          --concurrency N    Executor MaxConcurrency and MaxConcurrencyPerPlan, and the baseline's limit (default 32)
          --seed N           seed of the DAG's shape (default 7)
          --timeout-s N      give up when the plan has not finished after N seconds (default 900)
          --logs DIR         keep every service's output in DIR (default: a temporary directory, deleted at the end)
        """;

    public int Tasks { get; init; } = 500;

    public int? WarmUp { get; init; }

    public int WarmUpTasks => WarmUp ?? Math.Min(Tasks, 200);

    public int LatencyMs { get; init; } = 100;

    public int Concurrency { get; init; } = 32;

    public int Seed { get; init; } = 7;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(900);

    public string? LogDirectory { get; init; }

    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            int Positive() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new FormatException($"{args[i - 1]} needs a positive whole number.");
            try
            {
                options = args[i] switch
                {
                    "--tasks" => options with { Tasks = Positive() },
                    "--quick" => options with { Tasks = 40 },
                    "--warm-up" => options with { WarmUp = Positive() },
                    "--latency-ms" => options with { LatencyMs = Positive() },
                    "--concurrency" => options with { Concurrency = Positive() },
                    "--seed" => options with { Seed = Positive() },
                    "--timeout-s" => options with { Timeout = TimeSpan.FromSeconds(Positive()) },
                    "--logs" => options with { LogDirectory = Next() },
                    _ => throw new FormatException($"Unknown option {args[i]}."),
                };
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return null;
            }
        }

        return options;
    }
}
