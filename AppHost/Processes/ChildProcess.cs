using System.Diagnostics;

namespace Orchestrator.AppHost.Processes;

/// <summary>What to run and how to report its output.</summary>
public sealed record ChildProcessOptions
{
    public required string FileName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (or, with a null value, remove) on top of this process's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Run as this user (through setpriv); only possible when running as root.</summary>
    public string? User { get; init; }

    /// <summary>Receives every line the process writes, stdout and stderr alike.</summary>
    public Action<string>? Output { get; init; }
}

/// <summary>
/// A supervised child process in its own session and process group (started through setsid), so a
/// Ctrl+C in the terminal reaches only the AppHost, which then stops children in dependency order,
/// and so the whole tree a child spawned can be killed as one group.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The process id, which is also its process group id.</summary>
    public int Id { get; private set; }

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static ChildProcess Start(ChildProcessOptions options)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.WorkingDirectory ?? System.Environment.CurrentDirectory,
        };
        if (options.User is not null)
        {
            foreach (var argument in new[] { "setpriv", "--reuid", options.User, "--regid", options.User, "--init-groups", "--" })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        startInfo.ArgumentList.Add(options.FileName);
        foreach (var argument in options.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        var output = options.Output;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output?.Invoke(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output?.Invoke(e.Data);
            }
        };
        process.Exited += (_, _) => child._exited.TrySetResult(process.ExitCode);

        process.Start();
        child.Id = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Sends a signal to the process itself.</summary>
    public void Signal(int signal)
    {
        if (!HasExited)
        {
            Libc.SendSignal(Id, signal);
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/>, waits up to <paramref name="grace"/> for the process to exit, then
    /// kills its whole process group; returns once nothing of the group is left.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan grace)
    {
        Signal(signal);
        await Task.WhenAny(Exited, Task.Delay(grace));
        KillGroup();
        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(10)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Libc.ProcessGroupExists(Id) && DateTime.UtcNow < deadline)
        {
            KillGroup();
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL to every process of the group (the process and whatever it spawned that stayed in the group).</summary>
    public void KillGroup() => Libc.SendSignal(-Id, Libc.SigKill);

    public async ValueTask DisposeAsync()
    {
        if (!HasExited || Libc.ProcessGroupExists(Id))
        {
            await StopAsync(Libc.SigTerm, TimeSpan.FromSeconds(5));
        }

        _process.Dispose();
    }

    /// <summary>Runs a short command to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ChildProcessOptions options, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var forward = options.Output;
        await using var child = Start(options with
        {
            Output = line =>
            {
                lock (lines)
                {
                    lines.Add(line);
                }

                forward?.Invoke(line);
            },
        });
        int exitCode;
        try
        {
            exitCode = await child.Exited.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            child.KillGroup();
            throw;
        }

        // Output events may still be in flight right after the exit event.
        child._process.WaitForExit();
        lock (lines)
        {
            return (exitCode, string.Join('\n', lines));
        }
    }
}
