using MassTransit;
using JasperFx.Events.Projections;
using Orchestrator.Eventing;
using Orchestrator.PromptAnalytics.Messaging;
using Orchestrator.PromptAnalytics.Subjects;

namespace Orchestrator.PromptAnalytics;

public static class PromptAnalyticsModule
{
    public const string Schema = "prompt_analytics";

    /// <summary>Registers PromptAnalytics' event store, bus and consumers.</summary>
    public static IHostApplicationBuilder AddPromptAnalyticsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        builder.AddEventStore(Schema, ConfigurePromptAnalytics).PublishIntegrationEvents<PromptAnalyticsIntegrationEvents>();
        builder.AddBus("prompt-analytics", bus => bus.AddConsumers(typeof(PromptAnalyticsModule).Assembly));
        return builder;
    }

    /// <summary>Every projection of PromptAnalytics with its lifecycle.</summary>
    public static void ConfigurePromptAnalytics(Marten.StoreOptions options)
    {
        options.Projections.Add<SubjectProjection>(ProjectionLifecycle.Inline);
        options.Events.AddEventType<SubjectRegistered>();
    }

    /// <summary>Maps PromptAnalytics' routes.</summary>
    public static WebApplication MapPromptAnalyticsApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapGroup("/api/outcomes").WithTags("Outcomes").MapGetSubjectOutcomes();
        return app;
    }
}
