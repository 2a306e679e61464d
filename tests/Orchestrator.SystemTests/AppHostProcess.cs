using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Orchestrator.SystemTests;

/// <summary>One resource as the dashboard API reports it.</summary>
public sealed record ResourceView(string Name, string Type, string State, string Health, int? Pid, string[] Endpoints, int Restarts);

/// <summary>
/// The real AppHost, started from its build output in a process of its own, on free ports and with a
/// state directory of its own, so it never meets a developer's running instance.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HashSet<int> _seenPids = [];

    private AppHostProcess(Process process, string stateDirectory, IReadOnlyDictionary<string, int> ports)
    {
        _process = process;
        StateDirectory = stateDirectory;
        Ports = ports;
        Dashboard = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports["Dashboard"]}"), Timeout = TimeSpan.FromSeconds(10) };
        Gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports["Gateway"]}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Pid => _process.Id;

    public string StateDirectory { get; }

    /// <summary>Every port given to the AppHost, by setting name (Postgres, RabbitMQ, RabbitMQ:EpmdPort, Planner…).</summary>
    public IReadOnlyDictionary<string, int> Ports { get; }

    public HttpClient Dashboard { get; }

    public HttpClient Gateway { get; }

    /// <summary>Every pid the dashboard has reported so far.</summary>
    public IReadOnlyCollection<int> SeenPids
    {
        get
        {
            lock (_seenPids)
            {
                return _seenPids.ToArray();
            }
        }
    }

    public string OutputTail(int lines = 80) => string.Join('\n', _output.TakeLast(lines));

    public string Output => string.Join('\n', _output);

    public static AppHostProcess Start(string stateDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var ports = new Dictionary<string, int>();
        foreach (var name in new[] { "Dashboard", "Postgres", "RabbitMQ", "RabbitMQ:DistributionPort", "RabbitMQ:EpmdPort", "Planner", "Executor", "Conversation", "PromptAnalytics", "Gateway", "ModelSim" })
        {
            ports[name] = FreePort(ports.Values);
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { AppHostAssembly() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, port) in ports)
        {
            startInfo.Environment[$"Orchestrator__{name.Replace(":", "__", StringComparison.Ordinal)}" + (name.Contains(':', StringComparison.Ordinal) ? "" : "__Port")] = port.ToString();
        }

        startInfo.Environment["Orchestrator__StateDirectory"] = stateDirectory;
        startInfo.Environment["Orchestrator__StartupTimeoutSeconds"] = "240";
        startInfo.Environment.Remove("ConnectionStrings__postgres");
        startInfo.Environment.Remove("ConnectionStrings__rabbitmq");
        startInfo.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var host = new AppHostProcess(process, stateDirectory, ports);
        process.OutputDataReceived += (_, e) => host.Record(e.Data);
        process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public async Task<IReadOnlyList<ResourceView>> ResourcesAsync()
    {
        var resources = await Dashboard.GetFromJsonAsync<List<ResourceView>>("/api/resources", JsonSerializerOptions.Web) ?? [];
        lock (_seenPids)
        {
            _seenPids.UnionWith(resources.Where(r => r.Pid is not null).Select(r => r.Pid!.Value));
        }

        return resources;
    }

    /// <summary>Waits until every resource is running and healthy; fails with the AppHost's output if it exits or the time runs out.</summary>
    public async Task<IReadOnlyList<ResourceView>> WaitUntilAllHealthyAsync(TimeSpan timeout, Func<IReadOnlyList<ResourceView>, bool>? also = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<ResourceView> last = [];
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with code {_process.ExitCode} before everything was healthy:\n{OutputTail()}");
            }

            try
            {
                last = await ResourcesAsync();
                if (last.Count > 0 && last.All(r => r is { State: "running", Health: "healthy" }) && (also?.Invoke(last) ?? true))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // The dashboard is not listening yet.
            }
            catch (TaskCanceledException)
            {
                // The dashboard was too slow to answer this poll (a busy machine); the deadline still holds.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException(
            $"Not everything was healthy within {timeout.TotalSeconds:0} s: " +
            string.Join(", ", last.Select(r => $"{r.Name}={r.State}/{r.Health}")) + $"\n{OutputTail()}");
    }

    /// <summary>SIGTERM, as a service manager or Ctrl+C would; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        Kill(_process.Id, SigTerm);
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits for the AppHost to exit on its own (it is expected to); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public static bool IsAlive(int pid) => Kill(pid, 0) == 0;

    /// <summary>True when nothing listens on the loopback port.</summary>
    public static bool IsPortFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(System.Net.IPAddress.Loopback, port);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>Processes whose command line mentions <paramref name="text"/> or whose environment names this AppHost as parent.</summary>
    public IReadOnlyList<string> ProcessesBelongingToThisRun()
    {
        var parent = $"ORCHESTRATOR_PARENT_PID={Pid}";
        var epmd = $"ERL_EPMD_PORT={Ports["RabbitMQ:EpmdPort"]}";
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var environment = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                if (cmdline.Contains(StateDirectory, StringComparison.Ordinal) || environment.Contains(parent) || environment.Contains(epmd))
                {
                    found.Add($"{pid}: {cmdline}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill(_process.Id, SigTerm);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        foreach (var pid in SeenPids.Where(IsAlive))
        {
            Kill(-pid, SigKill);
            Kill(pid, SigKill);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Dashboard.Dispose();
        Gateway.Dispose();
    }

    private static string AppHostAssembly()
    {
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                var assembly = Path.Combine(dir.FullName, "AppHost", "bin", configuration, "net10.0", "Orchestrator.AppHost.dll");
                return File.Exists(assembly)
                    ? assembly
                    : throw new FileNotFoundException($"Build the AppHost first (dotnet build Orchestrator.sln -c {configuration}).", assembly);
            }
        }

        throw new DirectoryNotFoundException("No folder above the test output holds Orchestrator.sln.");
    }

    private static int FreePort(IEnumerable<int> taken)
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            var port = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
            if (!taken.Contains(port))
            {
                return port;
            }
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 5000)
        {
            _output.TryDequeue(out _);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
