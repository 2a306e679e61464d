using System.Diagnostics;
using Orchestrator.AppHost.Hosting;

namespace Orchestrator.AppHost.Orchestration;

/// <summary>
/// Starts the resources once the dashboard listens, each as soon as everything it waits for is healthy;
/// fails the whole run when one cannot become healthy in time; on shutdown stops them level by level,
/// dependents first.
/// </summary>
internal sealed class ResourceOrchestrator : IHostedService
{
    private readonly IReadOnlyList<ResourceSupervisor> _supervisors;
    private readonly IReadOnlyList<IReadOnlyList<ResourceSupervisor>> _levels;
    private readonly ConsoleLog _console;
    private readonly AppHostSettings _settings;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly CancellationTokenSource _stopping = new();
    private Task _startup = Task.CompletedTask;

    public ResourceOrchestrator(
        IReadOnlyList<ResourceSupervisor> supervisors,
        IReadOnlyList<IReadOnlyList<Resource>> levels,
        ConsoleLog console,
        AppHostSettings settings,
        IHostApplicationLifetime lifetime)
    {
        _supervisors = supervisors;
        _levels = levels.Select(level => level.Select(Find).ToList()).ToList<IReadOnlyList<ResourceSupervisor>>();
        _console = console;
        _settings = settings;
        _lifetime = lifetime;

        ResourceSupervisor Find(Resource resource) => supervisors.Single(s => s.Resource == resource);
    }

    public string DashboardUrl => $"http://127.0.0.1:{_settings.DashboardPort}";

    public IReadOnlyList<ResourceSupervisor> Supervisors => _supervisors;

    public IReadOnlyList<ResourceSnapshot> Snapshot() => _supervisors.Select(s => s.Snapshot()).ToList();

    public ResourceSupervisor? Find(string name) =>
        _supervisors.FirstOrDefault(s => string.Equals(s.Resource.Name, name, StringComparison.OrdinalIgnoreCase));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lifetime.ApplicationStarted.Register(() => _startup = StartResourcesAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _startup;
        var clock = Stopwatch.StartNew();
        _console.WriteAppHost("Stopping all resources…");
        foreach (var level in _levels.Reverse())
        {
            await Task.WhenAll(level.Select(s => s.StopAsync()));
        }

        _console.WriteAppHost($"All resources stopped in {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    private async Task StartResourcesAsync(CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        _console.WriteAppHost($"Starting {_supervisors.Count} resources (dashboard: {DashboardUrl}, state: {_settings.StateDirectory})");
        var healthy = new Dictionary<Resource, Task>();
        foreach (var supervisor in _levels.SelectMany(level => level))
        {
            var dependencies = supervisor.Resource.WaitsFor.Select(d => healthy[d]).ToList();
            healthy[supervisor.Resource] = StartWhenReadyAsync(supervisor, dependencies, stopping);
        }

        try
        {
            await Task.WhenAll(healthy.Values);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception)
        {
            foreach (var failed in _supervisors.Where(s => s.FailureReason is not null))
            {
                _console.WriteAppHost($"{failed.Resource.Name} failed: {failed.FailureReason}", isError: true);
            }

            _console.WriteAppHost("Startup failed; stopping everything.", isError: true);
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
            return;
        }

        PrintSummary(clock.Elapsed);
    }

    private async Task StartWhenReadyAsync(ResourceSupervisor supervisor, IReadOnlyList<Task> dependencies, CancellationToken stopping)
    {
        await Task.WhenAll(dependencies).WaitAsync(stopping);
        supervisor.Start();
        try
        {
            await supervisor.Healthy.WaitAsync(_settings.StartupTimeout, stopping);
        }
        catch (TimeoutException)
        {
            supervisor.Fail($"did not become healthy within {_settings.StartupTimeout.TotalSeconds:0} s (Orchestrator:StartupTimeoutSeconds); its output above says why.");
            throw;
        }
    }

    private void PrintSummary(TimeSpan elapsed)
    {
        // Dependents first (the gateway on top), then the dashboard, then what they depend on.
        var rows = _levels.Reverse()
            .SelectMany(level => level)
            .SelectMany(s => s.Resource.Endpoints.Select(url => (Name: s.Resource.Name, Url: url)))
            .ToList();
        rows.Insert(Math.Min(_levels[^1].Sum(s => s.Resource.Endpoints.Count), rows.Count), ("dashboard", DashboardUrl));

        var width = rows.Max(r => r.Name.Length) + 2;
        var table = string.Join(Environment.NewLine, rows.Select(r => "    " + r.Name.PadRight(width) + r.Url));
        _console.WriteAppHost($"All {_supervisors.Count} resources are healthy; started in {elapsed.TotalSeconds:0.0} s.{Environment.NewLine}{table}");
    }
}
