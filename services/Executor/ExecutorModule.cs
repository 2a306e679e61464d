using JasperFx.Events.Projections;
using MassTransit;
using Orchestrator.Eventing;
using Orchestrator.Executor.Executions;
using Orchestrator.Executor.Executions.Cancelling;
using Orchestrator.Executor.Executions.Completing;
using Orchestrator.Executor.Executions.GettingExecutions;
using Orchestrator.Executor.Executions.Retrying;
using Orchestrator.Executor.Executions.Scheduling;
using Orchestrator.Executor.Messaging;

namespace Orchestrator.Executor;

public static class ExecutorModule
{
    public const string Schema = "executor";

    /// <summary>Registers the Executor's event store, bus, consumers and scheduler.</summary>
    public static IHostApplicationBuilder AddExecutorServices(this IHostApplicationBuilder builder)
    {
        var settings = builder.AddSettings<ExecutorSettings>(ExecutorSettings.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SchedulerSignal>();
        if (settings.RunScheduler)
        {
            builder.Services.AddHostedService<ExecutionScheduler>();
        }

        builder.AddApiDocument();
        builder.AddEventStore(Schema, ConfigureExecutor).PublishIntegrationEvents<ExecutorIntegrationEvents>();
        builder.AddBus("executor", bus => bus.AddConsumers(typeof(ExecutorModule).Assembly));
        return builder.WithoutBackgroundWorkWhenDescribingApi();
    }

    /// <summary>Every projection of the Executor with its lifecycle.</summary>
    public static void ConfigureExecutor(Marten.StoreOptions options)
    {
        options.Projections.Add<ExecutionProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<Execution>().Index(e => e.PlanId).Index(e => e.Status);
        options.Events.AddEventTypes(
        [
            typeof(ExecutionRegistered), typeof(AttemptQueued), typeof(AttemptStarted), typeof(TurnRequested), typeof(TurnScheduled),
            typeof(TurnCompleted), typeof(TurnFailed), typeof(InputRequested), typeof(ExecutionResumed), typeof(ExecutionCompleted),
            typeof(ExecutionFailed), typeof(ExecutionRetryRequested), typeof(ExecutionCancelled),
        ]);
    }

    /// <summary>Maps the Executor's routes under <c>/api/executions</c>.</summary>
    public static WebApplication MapExecutorApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapGroup("/api/executions").WithTags("Executions")
            .MapGetExecutions()
            .MapCompleteExecution()
            .MapRetryExecution()
            .MapCancelExecution();
        return app;
    }
}
