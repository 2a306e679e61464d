using Orchestrator.AppHost.Hosting;

namespace Orchestrator.AppHost.Orchestration;

/// <summary>The environment a project is started with, following Aspire's conventions so services run unchanged under Aspire.</summary>
public static class ProjectEnvironment
{
    /// <summary>
    /// <c>ASPNETCORE_URLS</c>, <c>ConnectionStrings__&lt;name&gt;</c> per database or broker, <c>services__&lt;name&gt;__http__0</c>
    /// per referenced project, <c>OTEL_SERVICE_NAME</c> (and <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> when the AppHost has one),
    /// Development unless an environment is set, the async daemon switch, the AppHost's pid, then the project's own variables.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Create(ProjectResource project, int appHostProcessId, Func<string, string?> hostEnvironment)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (project.HttpEndpoint is { } endpoint)
        {
            environment["ASPNETCORE_URLS"] = endpoint.ToString().TrimEnd('/');
        }

        foreach (var source in project.ConnectionReferences)
        {
            environment[$"ConnectionStrings__{source.Name}"] = source.ConnectionString;
        }

        foreach (var service in project.ServiceReferences)
        {
            if (service.HttpEndpoint is { } serviceEndpoint)
            {
                environment[$"services__{service.Name}__http__0"] = serviceEndpoint.ToString().TrimEnd('/');
            }
        }

        environment["OTEL_SERVICE_NAME"] = project.Name;
        if (hostEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            environment[name] = hostEnvironment(name) is { Length: > 0 } value ? value : "Development";
        }

        environment["Orchestrator__EventStore__RunDaemon"] = "true";
        environment["ORCHESTRATOR_PARENT_PID"] = appHostProcessId.ToString();

        foreach (var (name, value) in project.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }
}
