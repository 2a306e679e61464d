using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Cross-cutting defaults every Orchestrator service shares: telemetry, health, discovery, resilience.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of health checks that must pass before a service takes traffic (<c>/health</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Tag of health checks that only prove the process responds (<c>/alive</c>).</summary>
    public const string LiveTag = "live";

    /// <summary>Adds OpenTelemetry, health checks, service discovery and the standard HTTP resilience handler.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddProblemDetails();
        // A request that cannot be bound reaches BadRequestHandler, which names the field, instead of ending as a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        return builder;
    }

    /// <summary>Traces, metrics and logs for ASP.NET Core, HttpClient, Marten, MassTransit and the runtime (Npgsql's come with Aspire.Npgsql); OTLP export when configured.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Marten", "MassTransit", "Orchestrator.Eventing"))
            .WithTracing(tracing => tracing
                .SetSampler(new BackgroundNoiseSampler())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("Marten", "MassTransit", "Orchestrator.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsHealthRequest(ctx.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Registers the liveness check; services add their dependency checks with <see cref="ReadyTag"/>.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check) and <c>/alive</c> (liveness only); unhandled exceptions, unbindable requests and errors
    /// answered without a body (a path that matches no route, such as an id that is not a GUID) answer with problem details.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        return app;
    }

    private static bool IsHealthRequest(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
