using JasperFx.Events.Projections;
using Orchestrator.Eventing;
using Orchestrator.Planner.Messaging;
using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.CreatingPlan;
using Orchestrator.Planner.Plans.GettingHistory;
using Orchestrator.Planner.Plans.GettingPlan;

namespace Orchestrator.Planner;

public static class PlannerModule
{
    public const string Schema = "planner";

    /// <summary>Registers the Planner's event store, bus and API services.</summary>
    public static IHostApplicationBuilder AddPlannerServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        builder.AddEventStore(Schema, ConfigurePlanner).PublishIntegrationEvents<PlannerIntegrationEvents>();
        builder.AddBus("planner");
        return builder;
    }

    /// <summary>Every projection of the Planner with its lifecycle.</summary>
    public static void ConfigurePlanner(Marten.StoreOptions options)
    {
        options.Projections.Add<PlanProjection>(ProjectionLifecycle.Inline);
        options.Events.AddEventType<PlanCreated>();
    }

    /// <summary>Maps the Planner's routes under <c>/api/plans</c>.</summary>
    public static WebApplication MapPlannerApi(this WebApplication app)
    {
        app.MapOpenApi();
        var plans = app.MapGroup("/api/plans").WithTags("Plans");
        plans.MapCreatePlan().MapGetPlan().MapGetHistory();
        return app;
    }
}
