using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Hosting;

/// <summary>Something the AppHost starts and watches: a server or a project.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    /// <summary>What kind of resource this is, as shown on the dashboard (<c>postgres</c>, <c>rabbitmq</c>, <c>project</c>).</summary>
    public abstract string Type { get; }

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>The addresses to show for this resource.</summary>
    public abstract IReadOnlyList<string> Endpoints { get; }

    /// <summary>The ports this resource listens on, checked for clashes when the application is built.</summary>
    public abstract IReadOnlyList<int> Ports { get; }

    internal abstract IResourceLauncher CreateLauncher(AppHostContext context);

    public override string ToString() => Name;
}

/// <summary>A resource that other resources reach through <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>The value given to referencing projects.</summary>
    string ConnectionString { get; }
}
