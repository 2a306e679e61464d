using Orchestrator.Testing;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>A test class run against a <see cref="WholeSystem"/> of its own, started before its tests and stopped after them.</summary>
public abstract class WholeSystemTests(InfrastructureFixture fixture, string database, IReadOnlyDictionary<string, string?>? simulatorSettings = null) : IAsyncLifetime
{
    private WholeSystem? _system;

    protected HttpClient Planner => System.Planner;

    protected HttpClient Executor => System.Executor;

    protected HttpClient Conversation => System.Conversation;

    protected HttpClient Analytics => System.Analytics;

    protected HttpClient Simulator => System.Simulator;

    private WholeSystem System => _system ?? throw new InvalidOperationException("The system starts in InitializeAsync.");

    public async Task InitializeAsync() => _system = await WholeSystem.StartAsync(fixture, database, simulatorSettings ?? new Dictionary<string, string?>(), ServiceSettings);

    /// <summary>Settings every service gets besides the wiring, from the simulator's address (none unless a test class needs some).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ServiceSettings(string simulatorAddress) => new Dictionary<string, string?>();

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}
