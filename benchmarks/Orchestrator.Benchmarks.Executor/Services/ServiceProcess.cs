using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Orchestrator.Testing;

namespace Orchestrator.Benchmarks.Executor.Services;

/// <summary>
/// One service run from its build output as its own process (<c>dotnet Orchestrator.X.dll</c>), configured
/// through the environment as the AppHost configures it. Its output goes to a log file; its peak
/// working set is read from <c>/proc/&lt;pid&gt;/status</c>.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private int _warnings;
    private int _errors;
    private int _faults;
    private bool _closed;

    private ServiceProcess(string name, int port, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int Warnings => Volatile.Read(ref _warnings);

    public int Errors => Volatile.Read(ref _errors);

    /// <summary>Messages MassTransit gave up on after its retries (logged as R-FAULT; they wait in an <c>_error</c> queue).</summary>
    public int Faults => Volatile.Read(ref _faults);

    /// <summary>Starts the service (e.g. "Planner") and returns once its <c>/health</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> environment, string logDirectory, CancellationToken ct)
    {
        var assembly = ServiceAssembly(name);
        var port = Ports.GetFree();
        var logPath = Path.Combine(logDirectory, $"{name.ToLowerInvariant()}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        ServiceProcess? service = null;
        var env = new Dictionary<string, string?>(environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OTEL_SERVICE_NAME"] = name.ToLowerInvariant(),
        };
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        var child = Process.Start(start)!;
        child.OutputDataReceived += (_, e) => Record(service, e.Data, log);
        child.ErrorDataReceived += (_, e) => Record(service, e.Data, log);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        service = new ServiceProcess(name, port, child, log, logPath);
        try
        {
            await service.WaitUntilHealthyAsync(ct);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>The most memory the process has held at once (VmHWM, the peak resident set), in bytes.</summary>
    public long? PeakWorkingSet() => ReadPeakWorkingSet(ProcessId);

    /// <summary>The memory the process holds now (VmRSS, its resident set), in bytes.</summary>
    public long? WorkingSet() => ReadKilobytes($"/proc/{ProcessId}/status", "VmRSS:");

    /// <summary>
    /// The process's proportional share of memory now (PSS): its own pages, plus each page it shares with other processes
    /// (the .NET runtime and framework assemblies every service maps) divided among them, in bytes.
    /// </summary>
    public long? ProportionalSet() => ReadKilobytes($"/proc/{ProcessId}/smaps_rollup", "Pss:");

    public static long? ReadPeakWorkingSet(int pid) => ReadKilobytes($"/proc/{pid}/status", "VmHWM:");

    /// <summary>A "Field:  1234 kB" line of a /proc file, in bytes; null when the process or the field is gone.</summary>
    private static long? ReadKilobytes(string path, string field)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kilobytes is null ? null : long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM (a graceful stop), then a kill if it has not ended within 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private static void Record(ServiceProcess? service, string? line, StreamWriter log)
    {
        if (service is not null && line is not null)
        {
            service.Record(line, log);
        }
    }

    private static string ServiceAssembly(string name)
    {
        var metadata = typeof(ServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var path = Path.Combine(metadata["RepositoryRoot"]!, "services", name, "bin", metadata["BuildConfiguration"]!, metadata["TargetFramework"]!, $"Orchestrator.{name}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build the benchmark (it builds the services) with dotnet build -c {metadata["BuildConfiguration"]}.");
    }

    private void Record(string line, StreamWriter log)
    {
        if (line.Contains("R-FAULT", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _faults);
        }

        if (line.StartsWith("warn:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _warnings);
        }
        else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _errors);
        }

        lock (log)
        {
            if (!_closed)
            {
                log.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            if (HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Name} did not become healthy (exited: {HasExited}); see {LogPath}.");
            }

            await Task.Delay(200, ct);
        }
    }
}
