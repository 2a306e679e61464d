using Orchestrator.AppHost.Local;
using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Hosting;

/// <summary>
/// A PostgreSQL server and the one database its connection string points at: the server configured as
/// <c>ConnectionStrings:&lt;name&gt;</c> if there is one, else a local server the AppHost runs.
/// </summary>
public sealed class PostgresServerResource(string name, int port, string? configuredConnectionString)
    : Resource(name), IResourceWithConnectionString
{
    public override string Type => "postgres";

    public int Port { get; } = port;

    public string DatabaseName { get; internal set; } = "postgres";

    /// <summary>Set when configuration names an existing server: then nothing is started.</summary>
    public string? ConfiguredConnectionString { get; } = configuredConnectionString;

    public string ConnectionString => ConfiguredConnectionString ?? LocalPostgres.CreateConnectionString(Port, DatabaseName);

    public override IReadOnlyList<string> Endpoints =>
        ConfiguredConnectionString is null ? [$"postgresql://127.0.0.1:{Port}/{DatabaseName}"] : [];

    public override IReadOnlyList<int> Ports => ConfiguredConnectionString is null ? [Port] : [];

    internal override IResourceLauncher CreateLauncher(AppHostContext context) => new PostgresLauncher(this, context);
}

public static class PostgresBuilderExtensions
{
    /// <summary>Adds a PostgreSQL server (default port 55432, or <c>Orchestrator:&lt;name&gt;:Port</c>), unless <c>ConnectionStrings:&lt;name&gt;</c> is configured.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name, int port = 55432) =>
        builder.AddResource(new PostgresServerResource(name, builder.GetPort(name, port), builder.Configuration.GetConnectionString(name)));

    /// <summary>Points the connection string at <paramref name="databaseName"/>, created on a local server when missing.</summary>
    public static IResourceBuilder<PostgresServerResource> WithDatabase(this IResourceBuilder<PostgresServerResource> builder, string databaseName)
    {
        builder.Resource.DatabaseName = databaseName;
        return builder;
    }
}
