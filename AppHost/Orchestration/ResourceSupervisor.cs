using System.Diagnostics;
using Orchestrator.AppHost.Hosting;
using Orchestrator.AppHost.Local;

namespace Orchestrator.AppHost.Orchestration;

/// <summary>What the dashboard shows for a resource.</summary>
public sealed record ResourceSnapshot(string Name, string Type, string State, string Health, int? Pid, IReadOnlyList<string> Endpoints, int Restarts);

/// <summary>
/// Runs one resource: starts it, probes its health (every 500 ms until healthy, then every few seconds),
/// restarts it with exponential backoff when it exits on its own, and stops it on request.
/// </summary>
internal sealed class ResourceSupervisor
{
    private static readonly TimeSpan StartupProbeInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SteadyProbeInterval = TimeSpan.FromSeconds(5);

    private readonly IResourceLauncher _launcher;
    private readonly ConsoleLog _console;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task _loop = Task.CompletedTask;
    private IRunningResource? _current;
    private bool _started;
    private bool _stopped;
    private ResourcePhase _phase = ResourcePhase.Waiting;
    private HealthStatus _health = HealthStatus.Unknown;
    private int? _pid;
    private int _restarts;

    public ResourceSupervisor(Resource resource, IResourceLauncher launcher, ConsoleLog console)
    {
        Resource = resource;
        _launcher = launcher;
        _console = console;
    }

    public Resource Resource { get; }

    public LogBuffer Log { get; } = new();

    /// <summary>Completes the first time the resource is healthy; faults if it cannot start at all.</summary>
    public Task Healthy => _healthy.Task;

    /// <summary>Why the resource failed for good, if it did.</summary>
    public string? FailureReason { get; private set; }

    public ResourceSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ResourceSnapshot(
                Resource.Name,
                Resource.Type,
                ResourceStatus.State(_phase, _health),
                ResourceStatus.Health(_phase, _health),
                _pid,
                Resource.Endpoints,
                _restarts);
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_started || _stopped)
            {
                return;
            }

            _started = true;
            _phase = ResourcePhase.Starting;
            _loop = Task.Run(() => SuperviseAsync(_stop.Token));
        }
    }

    /// <summary>Marks the resource failed (it stays as it is until stopped).</summary>
    public void Fail(string reason)
    {
        lock (_gate)
        {
            FailureReason ??= reason;
            _phase = ResourcePhase.Failed;
        }

        Note(reason, isError: true);
        _healthy.TrySetException(new InvalidOperationException($"{Resource.Name}: {reason}"));
    }

    public async Task StopAsync()
    {
        IRunningResource? running;
        lock (_gate)
        {
            _stopped = true;
        }

        await _stop.CancelAsync();
        await _loop;
        lock (_gate)
        {
            running = _current;
            _current = null;
        }

        if (running is not null)
        {
            Note("stopping");
            var clock = Stopwatch.StartNew();
            await running.DisposeAsync();
            Note($"stopped in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        lock (_gate)
        {
            _phase = ResourcePhase.Stopped;
            _health = HealthStatus.Unknown;
            _pid = null;
        }

        _healthy.TrySetCanceled();
    }

    private void Output(string line)
    {
        Log.Add(line);
        _console.Write(Resource.Name, line);
    }

    private void Note(string note, bool isError = false)
    {
        Log.Add(note, fromAppHost: true);
        _console.WriteNote(Resource.Name, note, isError);
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            IRunningResource running;
            try
            {
                Note("starting");
                running = await _launcher.StartAsync(Output, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (PrerequisiteMissingException e)
            {
                Fail(e.Message);
                return;
            }
            catch (Exception e)
            {
                Note($"failed to start: {e.Message}", isError: true);
                failures = RestartBackoff.CountFailure(failures, TimeSpan.Zero);
                if (!await WaitBeforeRestartAsync(failures, stop))
                {
                    return;
                }

                continue;
            }

            lock (_gate)
            {
                _current = running;
                _pid = running.ProcessId;
            }

            await MonitorAsync(running, clock, stop);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            var exitCode = await running.Exited;
            lock (_gate)
            {
                _current = null;
                _pid = null;
                _phase = _phase == ResourcePhase.Failed ? ResourcePhase.Failed : ResourcePhase.Exited;
                _health = HealthStatus.Unknown;
            }

            await running.DisposeAsync();
            Note($"exited with code {exitCode} after {clock.Elapsed.TotalSeconds:0.0} s", isError: true);
            failures = RestartBackoff.CountFailure(failures, clock.Elapsed);
            if (!await WaitBeforeRestartAsync(failures, stop))
            {
                return;
            }
        }
    }

    private async Task<bool> WaitBeforeRestartAsync(int failures, CancellationToken stop)
    {
        var delay = RestartBackoff.Delay(failures);
        Note($"restarting in {delay.TotalSeconds:0} s");
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        lock (_gate)
        {
            _restarts++;
            if (_phase != ResourcePhase.Failed)
            {
                _phase = ResourcePhase.Starting;
            }
        }

        return true;
    }

    /// <summary>Probes health until the process exits or the resource is being stopped.</summary>
    private async Task MonitorAsync(IRunningResource running, Stopwatch clock, CancellationToken stop)
    {
        var healthyOnce = false;
        while (!stop.IsCancellationRequested && !running.Exited.IsCompleted)
        {
            bool healthy;
            try
            {
                healthy = await _launcher.CheckHealthAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                healthy = false;
            }

            lock (_gate)
            {
                if (healthy)
                {
                    _health = HealthStatus.Healthy;
                    if (_phase != ResourcePhase.Failed)
                    {
                        _phase = ResourcePhase.Running;
                    }
                }
                else if (healthyOnce || _phase == ResourcePhase.Failed)
                {
                    _health = HealthStatus.Unhealthy;
                }
            }

            if (healthy && !healthyOnce)
            {
                healthyOnce = true;
                Note($"healthy after {clock.Elapsed.TotalSeconds:0.0} s" + (running.ProcessId is { } pid ? $" (pid {pid})" : ""));
                _healthy.TrySetResult();
            }

            await Task.WhenAny(running.Exited, Task.Delay(healthyOnce ? SteadyProbeInterval : StartupProbeInterval, stop));
        }
    }
}
