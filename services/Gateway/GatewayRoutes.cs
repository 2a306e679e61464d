using Yarp.ReverseProxy.Configuration;

namespace Orchestrator.Gateway;

/// <summary>Which service owns which public path, and the YARP routes and clusters that follow from it.</summary>
public static class GatewayRoutes
{
    /// <summary>Public path prefix → owning service (its name in service discovery).</summary>
    public static readonly IReadOnlyList<(string Prefix, string Service)> Owners =
    [
        ("/api/plans", "planner"),
        ("/api/patterns", "planner"),
        ("/api/conversations", "conversation"),
        ("/api/model", "conversation"),
        ("/api/executions", "executor"),
        ("/api/prompts", "promptanalytics"),
        ("/api/experiments", "promptanalytics"),
        ("/api/outcomes", "promptanalytics"),
        ("/api/analytics", "promptanalytics"),
    ];

    public static IEnumerable<string> Services => Owners.Select(o => o.Service).Distinct();

    public static IReadOnlyList<RouteConfig> BuildRoutes() =>
    [
        .. Owners.Select(o => new RouteConfig
        {
            RouteId = o.Prefix.Trim('/').Replace('/', '-'),
            ClusterId = o.Service,
            Match = new RouteMatch { Path = o.Prefix + "/{**rest}" },
        }),
        .. Owners.Select(o => new RouteConfig
        {
            RouteId = o.Prefix.Trim('/').Replace('/', '-') + "-exact",
            ClusterId = o.Service,
            Match = new RouteMatch { Path = o.Prefix },
        }),
        .. Services.Select(s => new RouteConfig
        {
            RouteId = $"openapi-{s}",
            ClusterId = s,
            Match = new RouteMatch { Path = $"/openapi/{s}.json" },
            Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
        }),
    ];

    /// <summary>Clusters whose single destination is the service's address from configuration (<c>services:{name}:http:0</c>).</summary>
    public static IReadOnlyList<ClusterConfig> BuildClusters(IConfiguration configuration) =>
        Services.Select(s => new ClusterConfig
        {
            ClusterId = s,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["primary"] = new() { Address = ServiceAddress(configuration, s) },
            },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) },
        }).ToList();

    /// <summary>The base address of <paramref name="service"/> from Aspire-style configuration, or a clear error naming the setting.</summary>
    public static string ServiceAddress(IConfiguration configuration, string service) =>
        configuration[$"services:{service}:http:0"]
        ?? throw new InvalidOperationException($"No address for service '{service}': set services__{service}__http__0 (the AppHost sets it).");
}
