namespace Orchestrator.AppHost;

public static class ServiceResources
{
    /// <summary>
    /// One of the system's services: a project on a fixed port (<c>Orchestrator:{name}:Port</c>), healthy when its
    /// <c>/health</c> answers. One instance listens on the port itself; several replicas sit behind Aspire's proxy
    /// on that port, which spreads the connections across them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, int defaultPort, AppHostSettings settings)
        where TProject : IProjectMetadata, new()
    {
        var replicas = settings.ReplicasOf(name);
        return builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: settings.PortOf($"{name}:Port", defaultPort), name: "http", isProxied: replicas > 1)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithReplicas(replicas);
    }

    /// <summary>The services and servers this AppHost defines, as opposed to Aspire's own (the dashboard, the hidden rebuilders).</summary>
    public static bool IsSystemResource(IResource resource) =>
        resource is ProjectResource || resource.GetType().Assembly == typeof(ServiceResources).Assembly;

    /// <summary>Reads and writes PostgreSQL and RabbitMQ, once both are healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithServers(
        this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<IResourceWithConnectionString> postgres,
        IResourceBuilder<IResourceWithConnectionString> rabbitmq) =>
        service.WithReference(postgres).WaitFor(postgres).WithReference(rabbitmq).WaitFor(rabbitmq);
}
