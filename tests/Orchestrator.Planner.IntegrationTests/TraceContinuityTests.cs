extern alias conversation;
extern alias executor;
extern alias modelsim;
extern alias planner;
extern alias promptanalytics;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// Approving a plan is one trace across every service: the approval request's trace id reaches the Executor
/// through the Planner's relay, the Conversation service through the Executor's scheduler and relay, the model
/// call, and comes back to the Planner with the task's completion.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TraceContinuityTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly ActivitySource Client = new("Orchestrator.Planner.IntegrationTests");

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly List<IAsyncDisposable> _hosts = [];
    private ActivityListener? _listener;
    private ServiceHost<modelsim::Program>? _simulator;
    private HttpClient _planner = null!;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);

        _simulator = Start(new ServiceHost<modelsim::Program>(new Dictionary<string, string?>()));
        _simulator.StartClient().Dispose();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await fixture.Infrastructure.CreateDatabaseAsync("trace"),
            ["ConnectionStrings:rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
            ["services:modelsim:http:0"] = _simulator.BaseAddress.ToString().TrimEnd('/'),
        };
        var analytics = Start(new ServiceHost<promptanalytics::Program>(settings));
        analytics.StartClient().Dispose();
        settings["services:promptanalytics:http:0"] = analytics.BaseAddress.ToString().TrimEnd('/');
        _planner = Start(new ServiceHost<planner::Program>(settings)).StartClient();
        Start(new ServiceHost<executor::Program>(settings)).StartClient().Dispose();
        Start(new ServiceHost<conversation::Program>(settings)).StartClient().Dispose();
    }

    [Fact]
    public async Task Approving_a_plan_is_one_trace_from_the_request_to_the_task_completion_back_in_the_planner()
    {
        var plan = await PostAsync("/api/plans", new { request = "Write a short release note for version 2.1" });
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        using (var edit = await _planner.PatchAsJsonAsync($"/api/plans/{planId}/tasks/{rootId}", new { mode = "autonomous" }))
        {
            Assert.True(edit.IsSuccessStatusCode, $"edit: {(int)edit.StatusCode} {await edit.Content.ReadAsStringAsync()}");
        }

        // The approval arrives from a traced client, as through the gateway: the client's trace is the one to follow.
        ActivityTraceId traceId;
        using (var approval = Client.StartActivity("approve plan", ActivityKind.Client)!)
        {
            traceId = approval.TraceId;
            await PostAsync($"/api/plans/{planId}/approve", new { });
        }

        string[] hops =
        [
            "TaskReadyIntegrationEvent", // Planner → Executor
            "RunConversationTurn", // Executor → Conversation
            "ConversationTurnCompletedIntegrationEvent", // Conversation → Executor
            "TaskCompletedIntegrationEvent", // Executor → Planner
        ];
        try
        {
            await Eventually.GetAsync(
                () => Task.FromResult(hops.All(hop => ConsumedInTrace(traceId, hop)) ? "" : null),
                Patience,
                "every hop of the approved task to be consumed in the approval's trace");
        }
        catch (TimeoutException e)
        {
            Assert.Fail(e.Message + "\n" + Describe(traceId));
        }

        var modelCall = _stopped.Where(a => a.TraceId == traceId && a.Kind == ActivityKind.Client)
            .Any(a => a.GetTagItem("server.port") is int port && port == _simulator!.Port);
        Assert.True(modelCall, "The model call is not in the approval's trace.\n" + Describe(traceId));
    }

    private bool ConsumedInTrace(ActivityTraceId traceId, string messageType) =>
        _stopped.Any(a => a.TraceId == traceId && a.Kind == ActivityKind.Consumer && Mentions(a, messageType));

    private static bool Mentions(Activity activity, string text) =>
        activity.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)
        || activity.TagObjects.Any(t => t.Value?.ToString()?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    private string Describe(ActivityTraceId traceId)
    {
        var consumers = _stopped.Where(a => a.Kind == ActivityKind.Consumer)
            .Select(a => $"{(a.TraceId == traceId ? "in trace " : "elsewhere")} {a.Source.Name}: {a.DisplayName} "
                + string.Join(", ", a.TagObjects.Where(t => t.Key.Contains("message", StringComparison.Ordinal)).Select(t => $"{t.Key}={t.Value}")));
        return "Consumer activities seen:\n" + string.Join("\n", consumers.Distinct());
    }

    private async Task<JsonObject> PostAsync(string path, object body)
    {
        using var response = await _planner.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private T Start<T>(T host) where T : IAsyncDisposable
    {
        _hosts.Add(host);
        return host;
    }

    public async Task DisposeAsync()
    {
        _planner?.Dispose();
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        _listener?.Dispose();
    }
}
