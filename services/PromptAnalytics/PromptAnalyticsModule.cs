using JasperFx.Events.Projections;
using MassTransit;
using Orchestrator.Eventing;
using Orchestrator.PromptAnalytics.Experiments;
using Orchestrator.PromptAnalytics.Experiments.Assigning;
using Orchestrator.PromptAnalytics.Experiments.Listing;
using Orchestrator.PromptAnalytics.Experiments.Promoting;
using Orchestrator.PromptAnalytics.Experiments.Results;
using Orchestrator.PromptAnalytics.Experiments.Starting;
using Orchestrator.PromptAnalytics.Experiments.Stopping;
using Orchestrator.PromptAnalytics.Failures;
using Orchestrator.PromptAnalytics.Failures.Listing;
using Orchestrator.PromptAnalytics.Library;
using Orchestrator.PromptAnalytics.Library.AddingVersion;
using Orchestrator.PromptAnalytics.Library.Listing;
using Orchestrator.PromptAnalytics.Library.Resolving;
using Orchestrator.PromptAnalytics.Library.Seeding;
using Orchestrator.PromptAnalytics.Messaging;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.PromptAnalytics.Outcomes.Recording;
using Orchestrator.PromptAnalytics.Subjects;

namespace Orchestrator.PromptAnalytics;

public static class PromptAnalyticsModule
{
    public const string Schema = "prompt_analytics";

    /// <summary>Registers PromptAnalytics' event store, bus, consumers and the seeding of built-in prompts.</summary>
    public static IHostApplicationBuilder AddPromptAnalyticsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BanditEvidence>();
        builder.AddApiDocument();
        builder.AddSettings<PromptAnalyticsSettings>(PromptAnalyticsSettings.SectionName);
        builder.AddEventStore(Schema, ConfigurePromptAnalytics).PublishIntegrationEvents<PromptAnalyticsIntegrationEvents>();
        builder.AddBus("prompt-analytics", bus => bus.AddConsumers(typeof(PromptAnalyticsModule).Assembly));
        builder.Services.AddHostedService<BuiltInSeeder>();
        return builder.WithoutBackgroundWorkWhenDescribingApi();
    }

    /// <summary>Every projection of PromptAnalytics with its lifecycle.</summary>
    public static void ConfigurePromptAnalytics(Marten.StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Add<SubjectProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<PromptTemplateProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ExperimentProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<AssignmentProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<OutcomeRecordProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<FailureRecordProjection>(ProjectionLifecycle.Inline);
        // Tallies are shared by many concurrent writers: the daemon applies them in order, so no count is lost.
        options.Projections.Add<ExperimentTallyProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<VersionTallyProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<FailureGroupProjection>(ProjectionLifecycle.Async);

        options.Schema.For<Assignment>().Index(a => a.Subject);
        options.Schema.For<OutcomeRecord>().Index(o => o.Subject);
        options.Schema.For<OutcomeRecord>().Index(o => o.ExperimentId);
        options.Schema.For<Experiment>().Index(e => e.Prompt);
        options.Schema.For<FailureGroup>().Index(g => g.Count);

        options.Events.AddEventTypes(
        [
            typeof(SubjectRegistered), typeof(TemplateCreated), typeof(VersionAdded), typeof(LabelAssigned),
            typeof(ExperimentStarted), typeof(ExperimentStopped), typeof(VersionPromoted), typeof(VariantAssigned), typeof(OutcomeRecorded), typeof(TaskFailureRecorded),
        ]);
    }

    /// <summary>Maps PromptAnalytics' routes: the prompt library, experiments, outcomes and failure patterns.</summary>
    public static WebApplication MapPromptAnalyticsApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapGroup("/api/prompts").WithTags("Prompts").MapListPrompts().MapAddVersion().MapResolvePrompt();
        app.MapGroup("/api/experiments").WithTags("Experiments").MapStartExperiment().MapStartPatternsExperiment().MapListExperiments().MapGetResults().MapStopExperiment().MapPromote();
        app.MapGroup("/api/outcomes").WithTags("Outcomes").MapGetSubjectOutcomes().MapRecordOutcome();
        app.MapGroup("/api/analytics").WithTags("Analytics").MapListFailures();
        return app;
    }
}
