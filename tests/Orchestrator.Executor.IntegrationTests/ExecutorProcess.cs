extern alias executor;

using System.Diagnostics;
using Orchestrator.Testing;

namespace Orchestrator.Executor.IntegrationTests;

/// <summary>
/// A real Executor process (the built service, run with <c>dotnet</c>), configured through the environment as the AppHost does.
/// The service does not watch for its parent: whoever starts one disposes it, which kills it with its process tree.
/// </summary>
public sealed class ExecutorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ExecutorProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public static async Task<ExecutorProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = Ports.GetFree();
        var assembly = typeof(executor::Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new ExecutorProcess(process, port);
        using var client = new HttpClient { BaseAddress = started.BaseAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative));
                if (alive.IsSuccessStatusCode)
                {
                    return started;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exited = process.HasExited;
                await started.DisposeAsync();
                throw new InvalidOperationException($"The Executor process did not come up (exited: {exited}).");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown, no acknowledgements, no checkpoints.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
