extern alias conversation;
extern alias modelsim;

using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;

namespace Orchestrator.Conversation.IntegrationTests;

/// <summary>
/// The Conversation service on a real Kestrel port, with its own database, the shared RabbitMQ broker,
/// and its own model simulator (so each class sees only its own model requests and can script faults).
/// </summary>
public sealed class ConversationServer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ServiceHost<modelsim::Program> _simulator = null!;
    private ServiceHost<conversation::Program> _conversation = null!;

    public HttpClient Client { get; private set; } = null!;

    public HttpClient Simulator { get; private set; } = null!;

    public IBus Bus => _conversation.Services.GetRequiredService<IBus>();

    public IDocumentStore Store => _conversation.Services.GetRequiredService<IDocumentStore>();

    public static async Task<ConversationServer> StartAsync(Infrastructure infrastructure, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var server = new ConversationServer();
        (server._simulator, server.Simulator) = Start(() => new ServiceHost<modelsim::Program>(new Dictionary<string, string?>()));
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await infrastructure.CreateDatabaseAsync("conversation"),
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
            ["services:modelsim:http:0"] = server._simulator.BaseAddress.ToString().TrimEnd('/'),
            // PromptAnalytics is not running: a closed port makes the prompt client fall back to its built-ins at once.
            ["Orchestrator:Prompts:BaseAddress"] = "http://127.0.0.1:9/",
            ["Orchestrator:Prompts:RetryAfter"] = "01:00:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        (server._conversation, server.Client) = Start(() => new ServiceHost<conversation::Program>(settings));
        server.Client.Timeout = TimeSpan.FromMinutes(2);
        return server;
    }

    /// <summary>
    /// Starts a host, trying a new port when the one picked was taken in the meantime (a free port is
    /// found by binding port 0, and the system may hand it to an outgoing connection before Kestrel binds it).
    /// </summary>
    private static (ServiceHost<T> Host, HttpClient Client) Start<T>(Func<ServiceHost<T>> create) where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = create();
            try
            {
                return (host, host.StartClient());
            }
            catch (Exception ex) when (attempt < 3 && ex is InvalidOperationException or IOException)
            {
                host.Dispose();
            }
        }
    }

    /// <summary>Publishes a task's brief on the bus, as the Planner does, and waits until its conversation is open.</summary>
    public async Task<TaskBriefedIntegrationEvent> OpenTaskAsync(
        string title, string brief, TaskExecutionMode mode = TaskExecutionMode.Interactive, Guid? planId = null, Guid? parentId = null)
    {
        var briefed = new TaskBriefedIntegrationEvent(planId ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), parentId, title, brief, mode, ["A short answer"], DateTimeOffset.UtcNow);
        await Bus.Publish(briefed);
        await Eventually.GetAsync(() => GetOrNullAsync(briefed.ConversationId), Patience, $"conversation of '{title}' to open");
        return briefed;
    }

    public async Task<JsonElement?> GetOrNullAsync(Guid conversationId)
    {
        using var response = await Client.GetAsync($"/api/conversations/{conversationId}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    public async Task<JsonElement> GetAsync(Guid conversationId) =>
        await GetOrNullAsync(conversationId) ?? throw new InvalidOperationException($"Conversation {conversationId} not found.");

    /// <summary>Posts a message and reads the whole streamed reply.</summary>
    public async Task<(HttpResponseMessage Response, UiMessage Message)> PostAsync(Guid conversationId, object body)
    {
        var response = await SendAsync(conversationId, body);
        if (!response.IsSuccessStatusCode)
        {
            return (response, new UiMessage());
        }

        var message = await UiMessageStreamReader.ReadAsync(await response.Content.ReadAsStreamAsync());
        return (response, message);
    }

    public Task<HttpResponseMessage> SendAsync(Guid conversationId, object body, CancellationToken ct = default) =>
        Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversationId}/messages") { Content = JsonContent.Create(body) },
            HttpCompletionOption.ResponseHeadersRead, ct);

    /// <summary>The requests the simulator received, oldest first.</summary>
    public async Task<IReadOnlyList<SimulatedRequest>> ModelRequestsAsync()
    {
        var requests = await Simulator.GetFromJsonAsync<List<SimulatedRequest>>("/v1/_requests", JsonSerializerOptions.Web);
        return requests!;
    }

    public async Task ScriptAsync(string? fail, int? tokenLatencyMs = null, int count = 1)
    {
        using var response = await Simulator.PostAsJsonAsync("/v1/_faults", new { fail, tokenLatencyMs, count });
        response.EnsureSuccessStatusCode();
    }

    public async Task<long> StreamVersionAsync(Guid conversationId)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(conversationId))?.Version ?? 0;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Simulator.Dispose();
        await _conversation.DisposeAsync();
        await _simulator.DisposeAsync();
    }
}

public sealed record SimulatedMessage(string Role, string Content);

public sealed record SimulatedRequest(long Sequence, bool Stream, IReadOnlyList<SimulatedMessage> Messages, IReadOnlyList<string> Tools)
{
    public string AllText => string.Join("\n", Messages.Select(m => m.Content));

    public bool Mentions(string text) => AllText.Contains(text, StringComparison.Ordinal);
}
