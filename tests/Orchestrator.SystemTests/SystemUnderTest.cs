using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.SystemTests;

/// <summary>
/// The real AppHost project (every server and service it defines) started through Aspire.Hosting.Testing with a
/// temporary state directory and free ports below the ephemeral range.
/// </summary>
internal sealed class SystemUnderTest : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    /// <summary>The resources the AppHost defines (with the model simulator, as when no model provider is configured).</summary>
    public static readonly string[] Services = ["planner", "executor", "conversation", "promptanalytics", "modelsim", "gateway"];

    private readonly ITestOutputHelper _output;
    private bool _stopped;

    private SystemUnderTest(DistributedApplication app, string state, IReadOnlyDictionary<string, int> expected, ITestOutputHelper output)
    {
        App = app;
        StateDirectory = state;
        Expected = expected;
        _output = output;
        Resources = new ResourceWatcher(app.ResourceNotifications);
        Footprint = new RunFootprint(state, Environment.ProcessId);
    }

    public DistributedApplication App { get; }

    public string StateDirectory { get; }

    /// <summary>Instances per resource when everything is up.</summary>
    public IReadOnlyDictionary<string, int> Expected { get; }

    public ResourceWatcher Resources { get; }

    public RunFootprint Footprint { get; }

    public TimeSpan TimeToHealthy { get; private set; }

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>
    /// Builds and starts the AppHost, waits until every instance of every resource is healthy and remembers the run's
    /// processes and ports. <paramref name="replicas"/> sets <c>Orchestrator:&lt;name&gt;:Replicas</c>;
    /// <paramref name="configure"/> may adjust the model before it is built.
    /// </summary>
    public static async Task<SystemUnderTest> StartAsync(
        ITestOutputHelper output, IReadOnlyDictionary<string, int>? replicas = null, Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        var state = Directory.CreateTempSubdirectory("orchestrator-system-").FullName;
        var ports = Ports.GetFreeBelowEphemeral(10);
        string[] args =
        [
            $"--Orchestrator:StateDirectory={state}",
            $"--Orchestrator:Postgres:Port={ports[0]}",
            $"--Orchestrator:RabbitMQ:Port={ports[1]}",
            $"--Orchestrator:RabbitMQ:DistributionPort={ports[2]}",
            $"--Orchestrator:RabbitMQ:EpmdPort={ports[3]}",
            .. Services.Select((name, i) => $"--Orchestrator:{name}:Port={ports[4 + i]}"),
            .. (replicas ?? new Dictionary<string, int>()).Select(r => $"--Orchestrator:{r.Key}:Replicas={r.Value}"),
        ];

        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Orchestrator_AppHost>(args, timeout.Token);
        // The servers' and services' own output stays in the AppHost (and its dashboard); the test log keeps warnings.
        builder.Services.AddLogging(logging => logging
            .AddFilter("Orchestrator.AppHost.Resources", LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        configure?.Invoke(builder);
        var app = await builder.BuildAsync(timeout.Token);

        var expected = new Dictionary<string, int> { ["postgres"] = 1, ["rabbitmq"] = 1, ["rabbitmq-epmd"] = 1 };
        foreach (var service in Services)
        {
            expected[service] = replicas?.GetValueOrDefault(service) is > 0 and var n ? n : 1;
        }

        var system = new SystemUnderTest(app, state, expected, output);
        system.Footprint.AddPorts(ports);
        try
        {
            await app.StartAsync(timeout.Token);
            await system.Resources.WaitUntilHealthyAsync(expected, StartTimeout - clock.Elapsed);
            system.TimeToHealthy = clock.Elapsed;
            system.Gateway = app.CreateHttpClient("gateway", "http");
            system.Gateway.Timeout = TimeSpan.FromSeconds(60);
            system.Footprint.AddPorts(system.Resources.All.SelectMany(i => i.Ports));
            system.Footprint.Remember();
            output.WriteLine($"[timing] AppHost built, started and every resource healthy after {system.TimeToHealthy.TotalSeconds:0.0} s " +
                $"({system.Resources.All.Count} instances; {system.Footprint.Seen.Count} processes; gateway {system.Gateway.BaseAddress})");
            return system;
        }
        catch
        {
            output.WriteLine("Resources when starting failed: " + string.Join("; ", system.Resources.All));
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>The process that serves an instance of a project: DCP starts <c>dotnet run</c>, whose child is the service itself.</summary>
    public ProcessInfo ServiceProcessOf(Instance instance)
    {
        var wrapper = instance.Pid ?? throw new InvalidOperationException($"{instance} has no pid.");
        var table = ProcessTable.All();
        var candidates = ProcessTable.DescendantsOf(table, [wrapper]).Prepend(ProcessTable.Read(wrapper))
            .Where(p => p is { IsZombie: false } && p.CommandLine.Contains(ProjectBinaryOf(instance.Resource), StringComparison.OrdinalIgnoreCase)
                && !p.CommandLine.StartsWith("dotnet run", StringComparison.Ordinal))
            .ToList();
        return candidates.Count == 1
            ? candidates[0]!
            : throw new InvalidOperationException($"Expected one service process under {instance} (pid {wrapper}), found: {string.Join("; ", candidates)}");
    }

    /// <summary>
    /// The service process of an instance that was just started: its <c>dotnet run</c> wrapper may not have started
    /// the service yet, and a replica counts as healthy as soon as its port (shared behind Aspire's proxy) answers.
    /// </summary>
    public async Task<ProcessInfo> WaitForServiceProcessAsync(Instance instance, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return ServiceProcessOf(instance);
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>The PostgreSQL server's postmaster: DCP's process for the resource (setpriv execs into it).</summary>
    public static ProcessInfo PostmasterOf(Instance instance) =>
        ProcessTable.Read(instance.Pid ?? throw new InvalidOperationException($"{instance} has no pid.")) is { Name: "postgres" } postmaster
            ? postmaster
            : throw new InvalidOperationException($"{instance}: pid {instance.Pid} is not the postmaster.");

    /// <summary>The RabbitMQ node's Erlang VM (beam.smp), which the rabbitmq-server script DCP started runs as its child.</summary>
    public static ProcessInfo ErlangVmOf(Instance instance)
    {
        var script = instance.Pid ?? throw new InvalidOperationException($"{instance} has no pid.");
        var vms = ProcessTable.DescendantsOf(ProcessTable.All(), [script]).Where(p => p.Name == "beam.smp" && !p.IsZombie).ToList();
        return vms.Count == 1 ? vms[0] : throw new InvalidOperationException($"Expected one beam.smp under {instance}, found {vms.Count}.");
    }

    /// <summary>SIGKILLs the process <paramref name="target"/> picks for the instance (a crash: no chance to clean up).</summary>
    public ProcessInfo Kill(Instance instance, Func<Instance, ProcessInfo> target)
    {
        var victim = target(instance);
        Footprint.Remember();
        Signals.Send(victim.Pid, Signals.Kill);
        _output.WriteLine($"SIGKILL {instance.Id}: {victim}");
        return victim;
    }

    /// <summary>
    /// Waits until the instance runs again as a new process (DCP reports a new pid) and is healthy, and everything
    /// else is healthy too; returns the new instance.
    /// </summary>
    public async Task<Instance> WaitForRestartAsync(Instance before, TimeSpan timeout)
    {
        var all = await Resources.WaitUntilAsync(
            all => all.Any(i => i.Id == before.Id && i.Pid is { } pid && pid != before.Pid && i.IsHealthy),
            timeout, $"{before.Id} to run again as a new process and be healthy");
        await Resources.WaitUntilHealthyAsync(Expected, timeout);
        Footprint.AddPorts(Resources.All.SelectMany(i => i.Ports));
        Footprint.Remember();
        return all.Single(i => i.Id == before.Id);
    }

    /// <summary>Stops the app (as the test host does) and returns how long the stop and the disposal took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        Footprint.Remember();
        var clock = Stopwatch.StartNew();
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await App.StopAsync(timeout.Token);
        await Resources.DisposeAsync();
        await App.DisposeAsync();
        return clock.Elapsed;
    }

    /// <summary>Stops the app, waits (bounded) until nothing of the run is left, and asserts it.</summary>
    public async Task StopAndAssertNothingIsLeftAsync()
    {
        var stop = await StopAsync();
        var (after, processes, ports) = await Footprint.WaitUntilGoneAsync(TimeSpan.FromSeconds(40));
        _output.WriteLine($"[timing] teardown: StopAsync+DisposeAsync {stop.TotalSeconds:0.0} s, then {after.TotalSeconds:0.0} s until no process or port of the run was left " +
            $"({Footprint.Seen.Count} processes had been seen, {Footprint.Ports.Count} ports checked)");
        Assert.True(processes.Count == 0, "Processes of the run are still alive after teardown:\n" + string.Join("\n", processes));
        Assert.True(ports.Count == 0, "Ports of the run are still bound after teardown: " + string.Join(", ", ports));
        Assert.DoesNotContain(Footprint.Seen, p => p.IsAlive);
        DeleteState();
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (!_stopped)
        {
            try
            {
                await StopAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or AggregateException)
            {
                _output.WriteLine($"Stopping the app after a failure: {e.Message}");
            }
        }

        DeleteState();
    }

    private void DeleteState()
    {
        try
        {
            if (Directory.Exists(StateDirectory))
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server may still be writing its last files; the temporary folder is the system's to clean.
        }
    }

    private static string ProjectBinaryOf(string resource) => resource switch
    {
        "planner" => "Orchestrator.Planner",
        "executor" => "Orchestrator.Executor",
        "conversation" => "Orchestrator.Conversation",
        "promptanalytics" => "Orchestrator.PromptAnalytics",
        "modelsim" => "Orchestrator.ModelSimulator",
        "gateway" => "Orchestrator.Gateway",
        _ => throw new ArgumentException($"{resource} is not a service.", nameof(resource)),
    };

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
