using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Orchestrator.AppHost;

/// <summary>A PostgreSQL server run from the Debian binaries, trusting local connections on 127.0.0.1 only.</summary>
public sealed class PostgresServerResource(string name, string command, string dataDirectory, int port, string database)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string ServiceUser = "postgres";

    public int Port { get; } = port;

    public string DataDirectory { get; } = dataDirectory;

    public string Database { get; } = database;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{ConnectionString(Database)}");

    /// <summary>An Npgsql connection string for one of this server's databases.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = ServiceUser }.ConnectionString;
}

public static class PostgresServerResourceExtensions
{
    /// <summary>
    /// The <c>postgres</c> resource: the server named by <c>ConnectionStrings:postgres</c> when one is configured, else a
    /// local server whose cluster is created (initdb) under the state directory on first start and kept across runs.
    /// Healthy once the application database exists and answers a query.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(
        this IDistributedApplicationBuilder builder, string name, AppHostSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }

        var bin = PostgresBinaries.Find();
        var dataDirectory = Path.Combine(settings.StateDirectory, "postgres");
        var socketDirectory = Path.Combine(settings.StateDirectory, "postgres-socket");
        var port = settings.PortOf("Postgres:Port", 55432);
        var asServiceUser = Environment.IsPrivilegedProcess;
        string[] server = [Path.Combine(bin, "postgres"), "-D", dataDirectory, "-p", port.ToString(), "-k", socketDirectory, "-c", "listen_addresses=127.0.0.1"];

        // PostgreSQL refuses to run as root: as root, setpriv runs it as the postgres user (and execs, so the pid is the server's).
        var resource = new PostgresServerResource(name, asServiceUser ? "setpriv" : server[0], dataDirectory, port, "orchestrator");
        var healthKey = $"{name}-accepts-queries";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => CheckAndCreateDatabaseAsync(resource, ct));

        return builder.AddResource(resource)
            .WithArgs(asServiceUser
                ? ["--reuid=" + PostgresServerResource.ServiceUser, "--regid=" + PostgresServerResource.ServiceUser, "--init-groups", "--", .. server]
                : server)
            .WithHealthCheck(healthKey)
            .WithIconName("Database")
            .OnBeforeResourceStarted(async (r, _, ct) =>
            {
                var owner = asServiceUser ? PostgresServerResource.ServiceUser : null;
                ServiceDirectory.Prepare(socketDirectory, owner);
                await InitializeClusterAsync(bin, r.DataDirectory, owner, ct);
            });
    }

    /// <summary>Healthy when the application database answers <c>select 1</c>; the first check that reaches the server creates it.</summary>
    private static async Task<HealthCheckResult> CheckAndCreateDatabaseAsync(PostgresServerResource server, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres")) { Pooling = false, Timeout = 3 }.ConnectionString);
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
            exists.Parameters.AddWithValue("name", server.Database);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"create database \"{server.Database}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL on port {server.Port} does not answer yet: {e.Message}");
        }
    }

    private static async Task InitializeClusterAsync(string bin, string dataDirectory, string? owner, CancellationToken ct)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        ServiceDirectory.Prepare(dataDirectory, owner, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] initdb = [Path.Combine(bin, "initdb"), "-D", dataDirectory, "--auth=trust", "-U", PostgresServerResource.ServiceUser, "-E", "UTF8", "--no-locale", "--no-sync"];
        var (exitCode, output) = await ServiceDirectory.RunAsync(
            owner is null ? initdb[0] : "setpriv",
            owner is null ? initdb[1..] : ["--reuid=" + owner, "--regid=" + owner, "--init-groups", "--", .. initdb],
            dataDirectory,
            ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed with exit code {exitCode} for {dataDirectory}:\n{output}");
        }
    }
}
