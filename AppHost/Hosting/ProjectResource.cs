using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Hosting;

/// <summary>A .NET project of this repository, run from its build output.</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name)
{
    public override string Type => "project";

    /// <summary>The .csproj path, relative to the repository root.</summary>
    public string ProjectPath { get; } = projectPath;

    public int? HttpPort { get; internal set; }

    public Uri? HttpEndpoint => HttpPort is { } port ? new Uri($"http://127.0.0.1:{port}") : null;

    /// <summary>Databases and brokers whose connection strings this project gets.</summary>
    public List<IResourceWithConnectionString> ConnectionReferences { get; } = [];

    /// <summary>Projects this project discovers through <c>services__&lt;name&gt;__http__0</c>.</summary>
    public List<ProjectResource> ServiceReferences { get; } = [];

    /// <summary>Extra environment variables.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public override IReadOnlyList<string> Endpoints => HttpEndpoint is { } endpoint ? [endpoint.ToString().TrimEnd('/')] : [];

    public override IReadOnlyList<int> Ports => HttpPort is { } port ? [port] : [];

    internal override IResourceLauncher CreateLauncher(AppHostContext context) => new ProjectLauncher(this, context);
}

public static class ProjectBuilderExtensions
{
    /// <summary>Adds a project by its .csproj path relative to the repository root.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath)
    {
        var fullPath = Path.Combine(builder.RepositoryRoot, projectPath);
        if (!File.Exists(fullPath))
        {
            throw new ArgumentException($"Project '{name}': {fullPath} does not exist.", nameof(projectPath));
        }

        return builder.AddResource(new ProjectResource(name, projectPath));
    }

    /// <summary>Serves HTTP on 127.0.0.1:<paramref name="port"/>, or on <c>Orchestrator:&lt;name&gt;:Port</c> when configured.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.HttpPort = builder.ApplicationBuilder.GetPort(builder.Resource.Name, port);
        return builder;
    }

    /// <summary>Gives the project the connection string of a database or broker (<c>ConnectionStrings__&lt;name&gt;</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithReference<T>(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<T> source)
        where T : Resource, IResourceWithConnectionString
    {
        if (!builder.Resource.ConnectionReferences.Contains(source.Resource))
        {
            builder.Resource.ConnectionReferences.Add(source.Resource);
        }

        return builder;
    }

    /// <summary>Lets the project find another one through service discovery (<c>services__&lt;name&gt;__http__0</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> project)
    {
        if (!builder.Resource.ServiceReferences.Contains(project.Resource))
        {
            builder.Resource.ServiceReferences.Add(project.Resource);
        }

        return builder;
    }

    /// <summary>Sets an environment variable for the project.</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string value)
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }
}
