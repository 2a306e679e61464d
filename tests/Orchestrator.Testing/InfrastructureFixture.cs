namespace Orchestrator.Testing;

/// <summary>One <see cref="Infrastructure"/> for a whole test collection (xunit wants the collection definition in the test assembly).</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private Infrastructure? _infrastructure;

    public Infrastructure Infrastructure => _infrastructure ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _infrastructure = await Infrastructure.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}
