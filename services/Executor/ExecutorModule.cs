using MassTransit;
using JasperFx.Events.Projections;
using Orchestrator.Eventing;
using Orchestrator.Executor.Executions;
using Orchestrator.Executor.Executions.GettingExecutions;
using Orchestrator.Executor.Messaging;

namespace Orchestrator.Executor;

public static class ExecutorModule
{
    public const string Schema = "executor";

    /// <summary>Registers the Executor's event store, bus and consumers.</summary>
    public static IHostApplicationBuilder AddExecutorServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        builder.AddEventStore(Schema, ConfigureExecutor).PublishIntegrationEvents<ExecutorIntegrationEvents>();
        builder.AddBus("executor", bus => bus.AddConsumers(typeof(ExecutorModule).Assembly));
        return builder;
    }

    /// <summary>Every projection of the Executor with its lifecycle.</summary>
    public static void ConfigureExecutor(Marten.StoreOptions options)
    {
        options.Projections.Add<ExecutionProjection>(ProjectionLifecycle.Inline);
        options.Events.AddEventType<ExecutionRegistered>();
    }

    /// <summary>Maps the Executor's routes under <c>/api/executions</c>.</summary>
    public static WebApplication MapExecutorApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapGroup("/api/executions").WithTags("Executions").MapGetExecutions();
        return app;
    }
}
