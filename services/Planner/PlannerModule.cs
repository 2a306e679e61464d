using Marten;
using MassTransit;
using Orchestrator.Eventing;
using Orchestrator.ModelAccess;
using Orchestrator.Planner.Messaging;
using Orchestrator.Planner.Patterns;
using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.AddingChildren;
using Orchestrator.Planner.Plans.AddingTask;
using Orchestrator.Planner.Plans.Approving;
using Orchestrator.Planner.Plans.Cancelling;
using Orchestrator.Planner.Plans.CloningSubtree;
using Orchestrator.Planner.Plans.Comparing;
using Orchestrator.Planner.Plans.CreatingPlan;
using Orchestrator.Planner.Plans.Decomposing;
using Orchestrator.Planner.Plans.DeletingSubtree;
using Orchestrator.Planner.Plans.EditingArtifact;
using Orchestrator.Planner.Plans.EditingTask;
using Orchestrator.Planner.Plans.GettingHistory;
using Orchestrator.Planner.Plans.GettingPlan;
using Orchestrator.Planner.Plans.MovingTask;
using Orchestrator.Planner.Plans.Progressing;
using Orchestrator.Planner.Plans.Rating;
using Orchestrator.Planner.Plans.Reporting;
using Orchestrator.Planner.Plans.Streaming;
using Orchestrator.Prompts;

namespace Orchestrator.Planner;

public static class PlannerModule
{
    public const string Schema = "planner";

    /// <summary>Registers the Planner's event store, bus, model access and API services.</summary>
    public static IHostApplicationBuilder AddPlannerServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddApiDocument();
        builder.AddSettings<PlannerSettings>(PlannerSettings.SectionName);
        builder.Services.AddScoped<PlanWriter>();
        builder.Services.AddHostedService<PlanDocumentBackfill>();
        builder.Services.AddHostedService<PendingAggregationSweep>();
        builder.Services.AddSingleton<PlanReportBatcher>();
        builder.Services.AddScoped<Decomposer>();
        builder.AddModelAccess();
        builder.AddPromptClient();
        builder.AddEventStore(Schema, ConfigurePlanner)
            .PublishIntegrationEvents<PlannerIntegrationEvents>();
        builder.AddBus("planner", bus => bus.AddConsumers(typeof(PlannerModule).Assembly));
        return builder.WithoutBackgroundWorkWhenDescribingApi();
    }

    /// <summary>Every projection of the Planner with its lifecycle.</summary>
    public static void ConfigurePlanner(Marten.StoreOptions options)
    {
        PlanStorage.Configure(options);
        PatternStream.Configure(options);
        options.Events.AddEventTypes(
        [
            typeof(PlanCreated), typeof(TaskAdded), typeof(TaskWaitingForSubtasks), typeof(TaskEdited), typeof(TaskMoved), typeof(SubtreeDeleted),
            typeof(DecompositionProposed), typeof(DecompositionDiscarded), typeof(PlanApproved), typeof(TaskReadied),
            typeof(TaskStarted), typeof(TaskAwaitingInput), typeof(TaskResumed), typeof(AggregationRequested), typeof(TaskCompleted), typeof(TaskFailed),
            typeof(TaskNeedsAttention), typeof(TaskRetried), typeof(TaskCancelled), typeof(PlanFinished), typeof(PlanRated), typeof(TaskCallsCosted),
            typeof(ArtifactsRecorded), typeof(ArtifactEdited),
        ]);
    }

    /// <summary>Maps the Planner's routes under <c>/api/plans</c>.</summary>
    public static WebApplication MapPlannerApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapGroup("/api/plans").WithTags("Plans")
            .MapCreatePlan().MapGetPlan().MapGetHistory().MapPlanDiff().MapPlanStream()
            .MapAddTask().MapAddChildren().MapEditTask().MapMoveTask().MapCloneSubtree().MapDeleteSubtree()
            .MapDecompose().MapApprovePlan().MapCancelPlan().MapRetryTask().MapRatePlan()
            .MapArtifacts().MapPlanExports();
        app.MapPatternsApi();
        return app;
    }
}
