using Orchestrator.AppHost.Hosting;

namespace Orchestrator.AppHost.Tests;

/// <summary>The application graph of AppHost/Program.cs, rebuilt for tests with configuration of their choosing.</summary>
internal static class TestApplication
{
    public static DistributedApplicationBuilder CreateBuilder(params string[] args) => DistributedApplication.CreateBuilder(args);

    public static (DistributedApplicationBuilder Builder, IResourceBuilder<PostgresServerResource> Postgres, IResourceBuilder<RabbitMQServerResource> RabbitMq, IResourceBuilder<ProjectResource> Planner, IResourceBuilder<ProjectResource> Gateway)
        CreateOrchestrator(params string[] args)
    {
        var builder = CreateBuilder(args);
        var postgres = builder.AddPostgres("postgres").WithDatabase("orchestrator");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq");
        var planner = builder.AddProject("planner", "services/Planner/Orchestrator.Planner.csproj")
            .WithHttpEndpoint(5101)
            .WithReference(postgres).WaitFor(postgres)
            .WithReference(rabbitmq).WaitFor(rabbitmq);
        var executor = builder.AddProject("executor", "services/Executor/Orchestrator.Executor.csproj")
            .WithHttpEndpoint(5102)
            .WithReference(postgres).WaitFor(postgres)
            .WithReference(rabbitmq).WaitFor(rabbitmq);
        var gateway = builder.AddProject("gateway", "services/Gateway/Orchestrator.Gateway.csproj")
            .WithHttpEndpoint(8080)
            .WithReference(planner).WaitFor(planner)
            .WithReference(executor).WaitFor(executor)
            .WithEnvironment("Gateway__WebRoot", "/srv/web");
        return (builder, postgres, rabbitmq, planner, gateway);
    }
}
