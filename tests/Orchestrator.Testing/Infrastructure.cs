using Npgsql;
using Orchestrator.AppHost.Local;
using Orchestrator.AppHost.Processes;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Orchestrator.Testing;

/// <summary>
/// A real PostgreSQL server and RabbitMQ broker for integration tests, in this order of preference:
/// servers named by ORCHESTRATOR_TEST_POSTGRES / ORCHESTRATOR_TEST_RABBITMQ; private local servers
/// started from the installed binaries (the AppHost's own starters); containers when a Docker engine
/// answers. With none of these the fixture fails with what to install — it never skips.
/// </summary>
public sealed class Infrastructure : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private int _databases;

    private Infrastructure(string postgres, Uri rabbitMq, string how)
    {
        PostgresConnectionString = postgres;
        RabbitMqUri = rabbitMq;
        Description = how;
    }

    /// <summary>Connection string of the server's maintenance database.</summary>
    public string PostgresConnectionString { get; }

    public Uri RabbitMqUri { get; }

    /// <summary>How the servers were obtained, for test output.</summary>
    public string Description { get; }

    public static async Task<Infrastructure> StartAsync(CancellationToken ct)
    {
        var configuredPostgres = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_POSTGRES");
        var configuredRabbit = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_RABBITMQ");
        if (!string.IsNullOrWhiteSpace(configuredPostgres) && !string.IsNullOrWhiteSpace(configuredRabbit))
        {
            return new Infrastructure(configuredPostgres, new Uri(configuredRabbit), "configured servers");
        }

        if (LocalServersInstalled())
        {
            var root = Directory.CreateTempSubdirectory("orchestrator-tests-").FullName;
            var postgres = await LocalPostgres.StartAsync(new LocalPostgresOptions
            {
                DataDirectory = Path.Combine(root, "postgres"),
                Port = Ports.GetFree(),
                Database = "postgres",
            }, ct);
            LocalRabbitMq rabbit;
            try
            {
                rabbit = await LocalRabbitMq.StartAsync(new LocalRabbitMqOptions
                {
                    BaseDirectory = Path.Combine(root, "rabbitmq"),
                    Port = Ports.GetFree(),
                    DistributionPort = Ports.GetFree(),
                    EpmdPort = Ports.GetFree(),
                    NodeName = $"tests{Environment.ProcessId}@localhost",
                }, ct);
            }
            catch
            {
                await postgres.DisposeAsync();
                throw;
            }

            var local = new Infrastructure(postgres.ConnectionString, rabbit.AmqpUri, "local servers");
            local._owned.Add(rabbit);
            local._owned.Add(postgres);
            local._owned.Add(new DeleteDirectory(root));
            return local;
        }

        if (await DockerAnswersAsync())
        {
            var pg = new PostgreSqlBuilder("postgres:15-alpine").Build();
            var mq = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
            await Task.WhenAll(pg.StartAsync(ct), mq.StartAsync(ct));
            var containers = new Infrastructure(pg.GetConnectionString(), new Uri(mq.GetConnectionString()), "containers");
            containers._owned.Add(pg);
            containers._owned.Add(mq);
            return containers;
        }

        throw new InvalidOperationException(
            "Integration tests need PostgreSQL and RabbitMQ: install them (apt-get install -y postgresql rabbitmq-server, as test.sh does), " +
            "start a Docker engine, or name running servers in ORCHESTRATOR_TEST_POSTGRES and ORCHESTRATOR_TEST_RABBITMQ.");
    }

    /// <summary>Creates an empty database of its own and returns its connection string, so test classes never see each other's data.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken ct = default)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 63)];
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }

    private static bool LocalServersInstalled()
    {
        try
        {
            LocalPostgres.FindBinDirectory();
            return File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server");
        }
        catch (PrerequisiteMissingException)
        {
            return false;
        }
    }

    /// <summary>True when a Docker engine accepts connections (DOCKER_HOST, or the default Unix socket).</summary>
    private static async Task<bool> DockerAnswersAsync()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return true;
        }

        const string socketPath = "/var/run/docker.sock";
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private sealed class DeleteDirectory(string path) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            return ValueTask.CompletedTask;
        }
    }
}
