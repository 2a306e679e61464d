extern alias conversation;
extern alias gateway;
extern alias modelsim;

using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;

namespace Orchestrator.Benchmarks.Conversation;

/// <summary>PostgreSQL, RabbitMQ, the simulator, Conversation and the gateway, each on its own loopback port in this process.</summary>
public sealed class BenchmarkSystem : IAsyncDisposable
{
    public const int LatencyMs = 20;
    public const int TokenLatencyMs = 5;

    private Infrastructure _infrastructure = null!;
    private ServiceHost<modelsim::Program> _simulator = null!;
    private ServiceHost<conversation::Program> _conversation = null!;
    private ServiceHost<gateway::Program> _gateway = null!;

    public string Description => _infrastructure.Description;

    public HttpClient Simulator { get; } = NewClient();

    public HttpClient Gateway { get; } = NewClient();

    public IBus Bus => _conversation.Services.GetRequiredService<IBus>();

    public static async Task<BenchmarkSystem> StartAsync(CancellationToken ct)
    {
        var system = new BenchmarkSystem { _infrastructure = await Infrastructure.StartAsync(ct) };
        system._simulator = new ServiceHost<modelsim::Program>(new Dictionary<string, string?>
        {
            ["Simulator:LatencyMs"] = LatencyMs.ToString(),
            ["Simulator:TokenLatencyMs"] = TokenLatencyMs.ToString(),
            ["Simulator:KeepRequests"] = "5000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        system._simulator.StartServer();
        system.Simulator.BaseAddress = system._simulator.BaseAddress;

        system._conversation = new ServiceHost<conversation::Program>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await system._infrastructure.CreateDatabaseAsync("bench", ct),
            ["ConnectionStrings:rabbitmq"] = system._infrastructure.RabbitMqUri.ToString(),
            ["services:modelsim:http:0"] = system._simulator.BaseAddress.ToString().TrimEnd('/'),
            // PromptAnalytics is not part of the measurement: its built-in prompts are used, without re-probing the closed port.
            ["Orchestrator:Prompts:BaseAddress"] = "http://127.0.0.1:9/",
            ["Orchestrator:Prompts:RetryAfter"] = "01:00:00",
            ["Orchestrator:Model:ContextWindow"] = "200000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        system._conversation.StartServer();

        var conversationAddress = system._conversation.BaseAddress.ToString().TrimEnd('/');
        system._gateway = new ServiceHost<gateway::Program>(new Dictionary<string, string?>
        {
            ["services:conversation:http:0"] = conversationAddress,
            // Only Conversation is measured; the other routes point at a closed port.
            ["services:planner:http:0"] = "http://127.0.0.1:9",
            ["services:executor:http:0"] = "http://127.0.0.1:9",
            ["services:promptanalytics:http:0"] = "http://127.0.0.1:9",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        system._gateway.StartServer();
        system.Gateway.BaseAddress = system._gateway.BaseAddress;
        return system;
    }

    /// <summary>Opens a task's conversation through the bus, as the Planner does, and waits for it.</summary>
    public async Task<TaskBriefedIntegrationEvent> OpenTaskAsync(string title, string brief, Guid planId, TaskExecutionMode mode, CancellationToken ct)
    {
        var briefed = new TaskBriefedIntegrationEvent(planId, Guid.NewGuid(), Guid.NewGuid(), null, title, brief, mode, ["The result"], DateTimeOffset.UtcNow);
        await Bus.Publish(briefed, ct);
        await Eventually.GetAsync(async () =>
        {
            using var response = await Gateway.GetAsync($"/api/conversations/{briefed.ConversationId}", ct);
            return response.IsSuccessStatusCode ? "" : null;
        }, TimeSpan.FromSeconds(60), "the conversation to open");
        return briefed;
    }

    public async Task<IReadOnlyList<RecordedRequest>> ModelRequestsAsync(CancellationToken ct) =>
        (await Simulator.GetFromJsonAsync<List<RecordedRequest>>("/v1/_requests", System.Text.Json.JsonSerializerOptions.Web, ct))!;

    private static HttpClient NewClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromMinutes(5),
    };

    public async ValueTask DisposeAsync()
    {
        Simulator.Dispose();
        Gateway.Dispose();
        await _gateway.DisposeAsync();
        await _conversation.DisposeAsync();
        await _simulator.DisposeAsync();
        await _infrastructure.DisposeAsync();
    }
}

public sealed record RecordedMessage(string Role, string Content);

public sealed record RecordedRequest(long Sequence, IReadOnlyList<RecordedMessage> Messages);
