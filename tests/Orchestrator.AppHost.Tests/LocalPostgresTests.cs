using Npgsql;
using Orchestrator.AppHost.Local;
using Orchestrator.AppHost.Processes;
using Xunit.Abstractions;

namespace Orchestrator.AppHost.Tests;

/// <summary>Runs the real PostgreSQL binaries in a temporary directory on a free port.</summary>
public sealed class LocalPostgresTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("apphost-pg-");

    [Fact]
    public async Task Starts_creates_the_database_accepts_queries_and_leaves_nothing_behind_when_disposed()
    {
        var options = Options(Ports.GetFree());
        int pid;
        await using (var server = await LocalPostgres.StartAsync(options, CancellationToken.None))
        {
            pid = server.ProcessId;
            Assert.True(Libc.ProcessExists(pid));
            Assert.Equal(options.Port, new NpgsqlConnectionStringBuilder(server.ConnectionString).Port);
            Assert.Equal("apphost_tests", await ScalarAsync(server.ConnectionString, "select current_database()"));
            Assert.True(await LocalPostgres.IsHealthyAsync(server.ConnectionString, CancellationToken.None));
        }

        Assert.False(Libc.ProcessExists(pid));
        Assert.False(Libc.ProcessGroupExists(pid));
        Assert.True(Ports.IsFree(options.Port));
        Assert.False(await LocalPostgres.IsHealthyAsync(LocalPostgres.CreateConnectionString(options.Port, "postgres"), CancellationToken.None));
    }

    [Fact]
    public async Task Data_survives_a_restart_on_the_same_directory()
    {
        var options = Options(Ports.GetFree());
        await using (var first = await LocalPostgres.StartAsync(options, CancellationToken.None))
        {
            await ScalarAsync(first.ConnectionString, "create table kept (id int); insert into kept values (42); select 1");
        }

        await using var second = await LocalPostgres.StartAsync(options, CancellationToken.None);

        Assert.Equal(42, await ScalarAsync(second.ConnectionString, "select id from kept"));
    }

    [Fact]
    public async Task A_server_orphaned_by_a_killed_host_is_stopped_before_starting_anew()
    {
        var options = Options(Ports.GetFree());
        var orphan = await LocalPostgres.StartAsync(options, CancellationToken.None);

        await using (var fresh = await LocalPostgres.StartAsync(options, CancellationToken.None))
        {
            Assert.False(Libc.ProcessExists(orphan.ProcessId));
            Assert.NotEqual(orphan.ProcessId, fresh.ProcessId);
            Assert.Equal(1, await ScalarAsync(fresh.ConnectionString, "select 1"));
        }

        await orphan.DisposeAsync();
        Assert.True(Ports.IsFree(options.Port));
    }

    [Fact]
    public async Task A_busy_port_is_reported_instead_of_a_server_that_never_answers()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalPostgres.StartAsync(Options(port), CancellationToken.None));

        Assert.Contains($"port {port}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private LocalPostgresOptions Options(int port) => new()
    {
        DataDirectory = Path.Combine(_root.FullName, "data"),
        Port = port,
        Database = "apphost_tests",
        Output = line => output.WriteLine(line),
    };

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
