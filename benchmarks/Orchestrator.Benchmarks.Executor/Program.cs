using Orchestrator.Benchmarks.Executor;
using Orchestrator.Benchmarks.Executor.Baseline;

// The Agent Framework baseline runs in a child process of its own, so its peak memory is its own.
if (args.Length > 0 && args[0] == AgentFrameworkBaseline.Command)
{
    return await AgentFrameworkBaseline.RunAsChildAsync(args[1..]);
}

if (BenchmarkOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop cleanly: every process the benchmark started is stopped on the way out.
    e.Cancel = true;
    Console.Error.WriteLine("Stopping: ending every process this benchmark started…");
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) =>
{
    // SIGTERM: the same clean stop as Ctrl+C; after a normal end the source is already gone.
    try
    {
        stop.Cancel();
    }
    catch (ObjectDisposedException)
    {
    }
};

try
{
    return await ExecutorBenchmark.RunAsync(options, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped.");
    return 130;
}
