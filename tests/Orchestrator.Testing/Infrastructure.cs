using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orchestrator.Testing;

/// <summary>
/// A real PostgreSQL server and RabbitMQ broker for integration tests and benchmarks: the servers named by
/// ORCHESTRATOR_TEST_POSTGRES / ORCHESTRATOR_TEST_RABBITMQ, else the AppHost's own PostgreSQL and RabbitMQ
/// resources (its resource model with <c>Orchestrator:ServersOnly</c>), started through Aspire.Hosting.Testing on
/// free ports with a temporary state directory. Without the installed servers it fails with what to install; it
/// never skips. A test class works in a view of its own (<see cref="WithVirtualHostAsync"/>): its own RabbitMQ
/// virtual host (made with <c>rabbitmqctl</c> on the AppHost's node, which runs without the management plugin, or
/// through the management API of a configured broker), and its own databases (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class Infrastructure : IAsyncDisposable
{
    private readonly IVirtualHosts _virtualHosts;
    private readonly DistributedApplication? _servers;
    private readonly string? _stateDirectory;
    private readonly string? _virtualHost;
    private int _databases;
    private int _views;

    private Infrastructure(
        string postgres, Uri rabbitMq, string how, IVirtualHosts virtualHosts,
        DistributedApplication? servers = null, string? stateDirectory = null, string? virtualHost = null)
    {
        PostgresConnectionString = postgres;
        RabbitMqUri = rabbitMq;
        Description = how;
        _virtualHosts = virtualHosts;
        _servers = servers;
        _stateDirectory = stateDirectory;
        _virtualHost = virtualHost;
    }

    /// <summary>Connection string of a database on the server (tests create their own with <see cref="CreateDatabaseAsync"/>).</summary>
    public string PostgresConnectionString { get; }

    /// <summary>The broker's AMQP URI; in a view from <see cref="WithVirtualHostAsync"/>, with the view's own virtual host.</summary>
    public Uri RabbitMqUri { get; }

    /// <summary>How the servers were obtained, for test output.</summary>
    public string Description { get; }

    public static async Task<Infrastructure> StartAsync(CancellationToken ct)
    {
        var configuredPostgres = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_POSTGRES");
        var configuredRabbit = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_RABBITMQ");
        if (!string.IsNullOrWhiteSpace(configuredPostgres) && !string.IsNullOrWhiteSpace(configuredRabbit))
        {
            var rabbitMq = new Uri(configuredRabbit);
            return new Infrastructure(configuredPostgres, rabbitMq, "configured servers", new ManagementApiVirtualHosts(rabbitMq));
        }

        var state = Directory.CreateTempSubdirectory("orchestrator-tests-").FullName;
        var ports = Ports.GetFreeBelowEphemeral(4);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Orchestrator_AppHost>(
            [
                "--Orchestrator:ServersOnly=true",
                $"--Orchestrator:StateDirectory={state}",
                $"--Orchestrator:Postgres:Port={ports[0]}",
                $"--Orchestrator:RabbitMQ:Port={ports[1]}",
                $"--Orchestrator:RabbitMQ:DistributionPort={ports[2]}",
                $"--Orchestrator:RabbitMQ:EpmdPort={ports[3]}",
            ],
            ct);
        // The servers' own output stays in their resource logs; a test's or a benchmark's console shows only real trouble.
        builder.Services.AddLogging(logging => logging
            .AddFilter("Orchestrator.AppHost.Resources", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting", LogLevel.Warning));
        var servers = await builder.BuildAsync(ct);
        try
        {
            await servers.StartAsync(ct);
            await servers.ResourceNotifications.WaitForResourceHealthyAsync("postgres", ct);
            await servers.ResourceNotifications.WaitForResourceHealthyAsync("rabbitmq", ct);
            var postgres = await servers.GetConnectionStringAsync("postgres", ct)
                ?? throw new InvalidOperationException("The AppHost's postgres resource has no connection string.");
            var rabbit = await servers.GetConnectionStringAsync("rabbitmq", ct)
                ?? throw new InvalidOperationException("The AppHost's rabbitmq resource has no connection string.");
            var rabbitMq = new Uri(rabbit);
            var virtualHosts = await RabbitMqCtlVirtualHosts.ForAsync(servers, rabbitMq, ct);
            return new Infrastructure(postgres, rabbitMq, "the AppHost's local servers", virtualHosts, servers, state);
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
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

    /// <summary>
    /// The same servers seen through a RabbitMQ virtual host of its own (exchanges, queues and messages no other
    /// view sees, so test classes may use the same queue names), the way each class has databases of its own.
    /// Disposing the view deletes the virtual host and leaves the servers running.
    /// </summary>
    public async Task<Infrastructure> WithVirtualHostAsync(string prefix, CancellationToken ct = default)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _views)}-{Guid.NewGuid():N}";
        await _virtualHosts.AddAsync(name, ct);
        var uri = new UriBuilder(RabbitMqUri) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
        return new Infrastructure(PostgresConnectionString, uri, Description, _virtualHosts, virtualHost: name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_virtualHost is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _virtualHosts.DeleteAsync(_virtualHost, timeout.Token);
            return;
        }

        (_virtualHosts as IDisposable)?.Dispose();
        if (_servers is not null)
        {
            await _servers.StopAsync();
            await _servers.DisposeAsync();
        }

        if (_stateDirectory is not null)
        {
            ErlangDaemons.StopStartedFrom(_stateDirectory);
            try
            {
                Directory.Delete(_stateDirectory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A server may still be writing its last files; the temporary folder is the system's to clean.
            }
        }
    }
}
