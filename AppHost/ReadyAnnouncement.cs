using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.AppHost;

/// <summary>Once every service and server is healthy, prints where the web app and the dashboard are.</summary>
internal sealed class ReadyAnnouncement(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IConfiguration configuration,
    AppHostSettings settings) : BackgroundService
{
    public const string ReadyLine = "Orchestrator is ready.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resources = model.Resources
            .Where(ServiceResources.IsSystemResource)
            .Select(r => r.Name)
            .ToList();
        await Task.WhenAll(resources.Select(name => notifications.WaitForResourceHealthyAsync(name, stoppingToken)));

        var dashboard = (configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var login = configuration["AppHost:BrowserToken"] is { Length: > 0 } token && dashboard is not null
            ? $"{dashboard.TrimEnd('/')}/login?t={token}"
            : dashboard;
        Console.WriteLine($"""

            {ReadyLine} {resources.Count} resources are running and healthy.
              Web app and API: http://127.0.0.1:{settings.PortOf("Gateway:Port", 8080)}
              Dashboard:       {login ?? "off"}
            Ctrl+C stops everything.

            """);
    }
}
