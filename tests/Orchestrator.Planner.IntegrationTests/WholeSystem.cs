extern alias conversation;
extern alias executor;
extern alias modelsim;
extern alias planner;
extern alias promptanalytics;

using Orchestrator.Testing;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// Every service on a real port, wired as the AppHost wires them, against a database of its own and the shared broker,
/// with the model simulator; stopped in reverse order.
/// </summary>
public sealed class WholeSystem : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _hosts = [];

    private WholeSystem()
    {
    }

    public HttpClient Planner { get; private set; } = null!;

    public HttpClient Executor { get; private set; } = null!;

    public HttpClient Conversation { get; private set; } = null!;

    public HttpClient Analytics { get; private set; } = null!;

    /// <summary>The model simulator, for its test hooks (scripted faults, recorded requests).</summary>
    public HttpClient Simulator { get; private set; } = null!;

    /// <summary>Starts every service; <paramref name="serviceSettings"/> adds settings of their own from the simulator's address.</summary>
    public static async Task<WholeSystem> StartAsync(
        InfrastructureFixture fixture, string database, IReadOnlyDictionary<string, string?> simulatorSettings,
        Func<string, IReadOnlyDictionary<string, string?>>? serviceSettings = null)
    {
        var system = new WholeSystem();
        var simulator = system.Start(new ServiceHost<modelsim::Program>(simulatorSettings));
        system.Simulator = simulator.StartClient();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await fixture.Infrastructure.CreateDatabaseAsync(database),
            ["ConnectionStrings:rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
            ["services:modelsim:http:0"] = Address(simulator.BaseAddress),
        };
        foreach (var (key, value) in serviceSettings?.Invoke(Address(simulator.BaseAddress)) ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var analytics = system.Start(new ServiceHost<promptanalytics::Program>(settings));
        system.Analytics = analytics.StartClient();
        settings["services:promptanalytics:http:0"] = Address(analytics.BaseAddress);
        var plannerHost = system.Start(new ServiceHost<planner::Program>(settings));
        system.Planner = plannerHost.StartClient();
        settings["services:planner:http:0"] = Address(plannerHost.BaseAddress);
        system.Executor = system.Start(new ServiceHost<executor::Program>(settings)).StartClient();
        system.Conversation = system.Start(new ServiceHost<conversation::Program>(settings)).StartClient();
        return system;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { Planner, Conversation, Executor, Analytics, Simulator })
        {
            client?.Dispose();
        }

        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
    }

    private static string Address(Uri baseAddress) => baseAddress.ToString().TrimEnd('/');

    private T Start<T>(T host) where T : IAsyncDisposable
    {
        _hosts.Add(host);
        return host;
    }
}
