using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Yarp.ReverseProxy.Configuration;

namespace Orchestrator.Gateway;

public static class GatewayModule
{
    /// <summary>Registers YARP with the routes of <see cref="GatewayRoutes"/> and the system health checks.</summary>
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.BuildRoutes(), GatewayRoutes.BuildClusters(builder.Configuration));
        builder.Services.AddSingleton<SystemHealth>();
        builder.Services.AddHealthChecks().AddCheck<DownstreamHealthCheck>("services", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>Maps the proxy, the system status routes and the web app with SPA fallback.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapGet("/api/system/health", async (SystemHealth health, CancellationToken ct) => TypedResults.Ok(await health.CheckAsync(ct)))
            .WithName("GetSystemHealth");
        app.MapReverseProxy();

        // An API path that no service owns is a 404, never the web app's index.html with 200: a client that
        // asks for JSON must not get a page it cannot parse.
        app.MapFallback("/api/{**rest}", (HttpContext context) => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such API route",
            detail: $"No service answers {context.Request.Method} {context.Request.Path}."));

        var webRoot = app.Configuration["Gateway:WebRoot"];
        if (!string.IsNullOrWhiteSpace(webRoot) && Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(webRoot));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
        }
        else
        {
            app.Logger.LogWarning("No built web app at Gateway:WebRoot ('{WebRoot}'); build web/ to serve the UI", webRoot);
        }

        return app;
    }

    private sealed class DownstreamHealthCheck(SystemHealth health) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var view = await health.CheckAsync(cancellationToken);
            var down = view.Services.Where(s => s.Status != "healthy").Select(s => s.Name).ToList();
            return down.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Not ready: " + string.Join(", ", down));
        }
    }
}
