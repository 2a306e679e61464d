namespace Orchestrator.Testing;

/// <summary>
/// One PostgreSQL server and one RabbitMQ broker for a whole test collection (xunit wants the collection definition,
/// which names it as <c>ICollectionFixture&lt;ServersFixture&gt;</c>, in the test assembly).
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private Infrastructure? _servers;

    public Infrastructure Servers => _servers ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _servers = await Infrastructure.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}

/// <summary>
/// The collection's servers as one test class sees them: a RabbitMQ virtual host of its own, deleted after the class
/// (the collection definition names it as <c>IClassFixture&lt;InfrastructureFixture&gt;</c>, so every class in the
/// collection gets its own).
/// </summary>
public sealed class InfrastructureFixture(ServersFixture servers) : IAsyncLifetime
{
    private Infrastructure? _infrastructure;

    public Infrastructure Infrastructure => _infrastructure ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        _infrastructure = await servers.Servers.WithVirtualHostAsync("tests", timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}
