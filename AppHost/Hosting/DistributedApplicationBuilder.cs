using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Hosting;

/// <summary>Collects the resources of the application; shaped like Aspire's builder so Program.cs reads the same.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(string[] args)
    {
        Host = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        RepositoryRoot = Host.Configuration["Orchestrator:RepositoryRoot"] ?? AppHostContext.FindRepositoryRoot(AppContext.BaseDirectory);
    }

    /// <summary>The AppHost's configuration: appsettings, environment variables, command line.</summary>
    public IConfigurationManager Configuration => Host.Configuration;

    /// <summary>The folder holding Orchestrator.sln.</summary>
    public string RepositoryRoot { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    internal WebApplicationBuilder Host { get; }

    /// <summary>Adds a resource; names are unique (case-insensitively, as configuration keys are).</summary>
    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' was already added.", nameof(resource));
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>The port configured as <c>Orchestrator:&lt;resource&gt;:&lt;setting&gt;</c>, else <paramref name="defaultPort"/>.</summary>
    public int GetPort(string resourceName, int defaultPort, string setting = "Port") =>
        Configuration.GetValue<int?>($"Orchestrator:{resourceName}:{setting}") ?? defaultPort;

    /// <summary>Checks the resource graph (no cycles, no shared ports) and prepares the host.</summary>
    public DistributedApplication Build()
    {
        var order = ResourceGraph.StartLevels(_resources);
        var settings = AppHostSettings.From(Configuration, RepositoryRoot);
        ResourceGraph.EnsureDistinctPorts(_resources, settings.DashboardPort);
        return new DistributedApplication(Host, _resources, order, settings);
    }
}
