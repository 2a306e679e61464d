using Orchestrator.AppHost.Dashboard;
using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Hosting;

/// <summary>The built application: starts every resource in dependency order, supervises them and serves the dashboard.</summary>
public sealed class DistributedApplication
{
    private readonly WebApplicationBuilder _host;
    private readonly IReadOnlyList<Resource> _resources;
    private readonly IReadOnlyList<IReadOnlyList<Resource>> _levels;
    private readonly AppHostSettings _settings;

    internal DistributedApplication(WebApplicationBuilder host, IReadOnlyList<Resource> resources, IReadOnlyList<IReadOnlyList<Resource>> levels, AppHostSettings settings)
    {
        _host = host;
        _resources = resources;
        _levels = levels;
        _settings = settings;
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    /// <summary>Runs until Ctrl+C or SIGTERM, then stops every resource in reverse order. Sets a non-zero exit code when something fails to start.</summary>
    public async Task RunAsync()
    {
        var console = new ConsoleLog(_resources.Select(r => r.Name).Append(ConsoleLog.AppHostName));
        InstanceLock instanceLock;
        try
        {
            instanceLock = InstanceLock.Acquire(Path.Combine(_settings.StateDirectory, "apphost.lock"));
        }
        catch (InstanceLockedException e)
        {
            console.WriteAppHost(e.Message, isError: true);
            Environment.ExitCode = 1;
            return;
        }

        using (instanceLock)
        {
            if (!Processes.Ports.IsFree(_settings.DashboardPort))
            {
                console.WriteAppHost($"The dashboard port {_settings.DashboardPort} is already in use; set Orchestrator:Dashboard:Port to another one.", isError: true);
                Environment.ExitCode = 1;
                return;
            }

            var context = new AppHostContext(_settings, Environment.ProcessId);
            var supervisors = _resources.Select(r => new ResourceSupervisor(r, r.CreateLauncher(context), console)).ToList();
            _host.Services.AddSingleton(services => new ResourceOrchestrator(
                supervisors, _levels, console, _settings, services.GetRequiredService<IHostApplicationLifetime>()));
            _host.Services.AddHostedService(services => services.GetRequiredService<ResourceOrchestrator>());
            _host.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(2));
            _host.Services.AddProblemDetails();
            _host.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            _host.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
            _host.WebHost.UseUrls($"http://127.0.0.1:{_settings.DashboardPort}");

            await using var app = _host.Build();
            app.MapDashboard(app.Services.GetRequiredService<ResourceOrchestrator>());
            await app.RunAsync();
        }
    }
}
