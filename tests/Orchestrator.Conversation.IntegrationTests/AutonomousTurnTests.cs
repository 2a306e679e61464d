using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;

namespace Orchestrator.Conversation.IntegrationTests;

/// <summary>
/// The Executor's side, end to end on real RabbitMQ: a RunConversationTurn sent to
/// <c>queue:conversation-run-conversation-turn</c> runs a turn whose outcome comes back as an integration
/// event through the Marten relay; hybrid turns ask for input and the person's answer is published.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AutonomousTurnTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    public const string TurnQueue = "queue:conversation-run-conversation-turn";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ConcurrentBag<object> _heard = [];
    private ConversationServer _server = null!;
    private HostReceiveEndpointHandle? _listener;

    public async Task InitializeAsync()
    {
        _server = await ConversationServer.StartAsync(fixture.Infrastructure);
        _listener = _server.Bus.ConnectReceiveEndpoint($"conversation-tests-{Guid.NewGuid():N}", endpoint =>
        {
            endpoint.Handler<ConversationTurnCompletedIntegrationEvent>(c => Heard(c.Message));
            endpoint.Handler<ConversationTurnFailedIntegrationEvent>(c => Heard(c.Message));
            endpoint.Handler<HumanInputProvidedIntegrationEvent>(c => Heard(c.Message));
        });
        await _listener.Ready;
    }

    [Fact]
    public async Task A_turn_command_runs_a_turn_and_its_outcome_is_published_once()
    {
        var task = await _server.OpenTaskAsync("Summarise", "Summarise the release notes.", TaskExecutionMode.Autonomous);
        var command = new RunConversationTurn(Guid.NewGuid(), task.ConversationId, task.TaskId, task.PlanId, "Write the summary now", false, DateTimeOffset.UtcNow);

        await SendAsync(command);
        var completed = await WaitForAsync<ConversationTurnCompletedIntegrationEvent>(e => e.TurnId == command.TurnId);

        Assert.Contains("Write the summary now", completed.Reply, StringComparison.Ordinal);
        Assert.False(completed.InputRequested);
        Assert.True(completed.CompletionProposed);
        Assert.Equal("orchestrator-simulator", completed.Model);
        Assert.True(completed.PromptTokens > 0 && completed.CompletionTokens > 0);
        Assert.Equal("builtin:execute:1", completed.PromptVersionId);
        var messages = (await _server.GetAsync(task.ConversationId)).GetProperty("messages");
        Assert.Equal("executor", messages[0].GetProperty("author").GetString());
        Assert.Equal(completed.Reply, messages[1].GetProperty("content").GetString());

        // The Executor repeating the command (a new message id, the same turn) runs no second model call.
        var calls = (await _server.ModelRequestsAsync()).Count;
        await SendAsync(command);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(calls, (await _server.ModelRequestsAsync()).Count);
        Assert.Single(_heard.OfType<ConversationTurnCompletedIntegrationEvent>(), e => e.TurnId == command.TurnId);
    }

    [Fact]
    public async Task A_hybrid_turn_asks_for_input_and_the_persons_answer_is_published()
    {
        var task = await _server.OpenTaskAsync("Choose storage", "Pick a storage engine for the audit log.", TaskExecutionMode.Hybrid);
        var first = new RunConversationTurn(Guid.NewGuid(), task.ConversationId, task.TaskId, task.PlanId, null, true, DateTimeOffset.UtcNow);

        await SendAsync(first);
        var asked = await WaitForAsync<ConversationTurnCompletedIntegrationEvent>(e => e.TurnId == first.TurnId);

        Assert.True(asked.InputRequested);
        Assert.False(string.IsNullOrWhiteSpace(asked.Question));
        var waiting = await _server.GetAsync(task.ConversationId);
        Assert.Equal("awaiting-input", waiting.GetProperty("status").GetString());
        Assert.Equal(asked.Question, waiting.GetProperty("pendingQuestion").GetString());
        Assert.Contains(ModelRequestTools(await _server.ModelRequestsAsync(), "Pick a storage engine"), t => t == "request_human_input");

        var (_, answer) = await _server.PostAsync(task.ConversationId, new { content = "Use PostgreSQL" });
        Assert.Equal(["start", "data-input-provided", "finish"], answer.Types);
        var provided = await WaitForAsync<HumanInputProvidedIntegrationEvent>(e => e.ConversationId == task.ConversationId);
        Assert.Equal("Use PostgreSQL", provided.Answer);
        Assert.Equal(task.TaskId, provided.TaskId);
        var resumed = await _server.GetAsync(task.ConversationId);
        Assert.Equal("idle", resumed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("pendingQuestion").ValueKind);

        // The Executor resumes: the next turn sees the question and the answer, and finishes instead of asking again.
        var second = new RunConversationTurn(Guid.NewGuid(), task.ConversationId, task.TaskId, task.PlanId, null, true, DateTimeOffset.UtcNow);
        await SendAsync(second);
        var done = await WaitForAsync<ConversationTurnCompletedIntegrationEvent>(e => e.TurnId == second.TurnId);
        Assert.False(done.InputRequested);
        var lastRequest = (await _server.ModelRequestsAsync())[^1];
        Assert.Contains(lastRequest.Messages, m => m.Role == "assistant" && m.Content == asked.Question);
        Assert.Contains(lastRequest.Messages, m => m.Role == "user" && m.Content == "Use PostgreSQL");
    }

    [Fact]
    public async Task A_provider_failure_is_published_as_a_transient_turn_failure()
    {
        var task = await _server.OpenTaskAsync("Fragile", "Work against a failing provider.", TaskExecutionMode.Autonomous);
        await _server.ScriptAsync("unavailable");
        var command = new RunConversationTurn(Guid.NewGuid(), task.ConversationId, task.TaskId, task.PlanId, "Go", false, DateTimeOffset.UtcNow);

        await SendAsync(command);
        var failed = await WaitForAsync<ConversationTurnFailedIntegrationEvent>(e => e.TurnId == command.TurnId);

        Assert.True(failed.Transient);
        Assert.Equal("The model provider answered 503 (ServiceUnavailable).", failed.Reason);
    }

    private static IEnumerable<string> ModelRequestTools(IReadOnlyList<SimulatedRequest> requests, string brief) =>
        requests.Where(r => r.Mentions(brief)).SelectMany(r => r.Tools);

    private async Task SendAsync(RunConversationTurn command)
    {
        var endpoint = await _server.Bus.GetSendEndpoint(new Uri(TurnQueue));
        await endpoint.Send(command);
    }

    private Task Heard(object message)
    {
        _heard.Add(message);
        return Task.CompletedTask;
    }

    private Task<T> WaitForAsync<T>(Func<T, bool> match) where T : class =>
        Eventually.GetAsync(() => Task.FromResult(_heard.OfType<T>().FirstOrDefault(match)), Patience, $"{typeof(T).Name} on the bus");

    public async Task DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.StopAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
