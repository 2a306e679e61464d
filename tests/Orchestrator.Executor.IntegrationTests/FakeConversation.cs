using System.Collections.Concurrent;
using MassTransit;
using Orchestrator.Contracts.Conversations;

namespace Orchestrator.Executor.IntegrationTests;

/// <summary>
/// A test double of the remote Conversation service over the real broker: it consumes the Executor's
/// <see cref="RunConversationTurn"/> commands from the Conversation service's queue and answers with
/// the turn outcome events the real service publishes, scripted per task by the test. It also
/// measures how many turns run at the same time, overall and per plan.
/// </summary>
public sealed class FakeConversation
{
    public const string Queue = "conversation-run-conversation-turn";

    private readonly ConcurrentDictionary<Guid, Func<RunConversationTurn, int, TurnScript>> _scripts = new();
    private readonly ConcurrentDictionary<Guid, int> _callsPerTask = new();
    private readonly ConcurrentDictionary<Guid, int> _runningPerPlan = new();
    private readonly Lock _gate = new();
    private int _running;

    public ConcurrentQueue<RunConversationTurn> Received { get; } = new();

    public int MaxRunning { get; private set; }

    public ConcurrentDictionary<Guid, int> MaxRunningPerPlan { get; } = new();

    /// <summary>How the fake answers the n-th (0-based) turn of a task.</summary>
    public void Script(Guid taskId, Func<RunConversationTurn, int, TurnScript> script) => _scripts[taskId] = script;

    public int CallsFor(Guid taskId) => _callsPerTask.GetValueOrDefault(taskId);

    public async Task HandleAsync(ConsumeContext<RunConversationTurn> context)
    {
        var turn = context.Message;
        if (!_scripts.TryGetValue(turn.TaskId, out var script))
        {
            return;
        }

        Received.Enqueue(turn);
        var call = _callsPerTask.AddOrUpdate(turn.TaskId, 1, (_, n) => n + 1) - 1;
        var answer = script(turn, call);
        lock (_gate)
        {
            _running++;
            MaxRunning = Math.Max(MaxRunning, _running);
            var plan = _runningPerPlan.AddOrUpdate(turn.PlanId, 1, (_, n) => n + 1);
            MaxRunningPerPlan.AddOrUpdate(turn.PlanId, plan, (_, n) => Math.Max(n, plan));
        }

        try
        {
            await Task.Delay(answer.Latency);
        }
        finally
        {
            lock (_gate)
            {
                _running--;
                _runningPerPlan.AddOrUpdate(turn.PlanId, 0, (_, n) => n - 1);
            }
        }

        switch (answer)
        {
            case TurnScript.Reply reply:
                await context.Publish(new ConversationTurnCompletedIntegrationEvent(turn.TurnId, turn.ConversationId, turn.TaskId, turn.PlanId, reply.Text,
                    reply.Question is not null, reply.Question, reply.ProposeCompletion, "fake", 20, 10, reply.Latency.TotalMilliseconds, "v1", DateTimeOffset.UtcNow));
                break;
            case TurnScript.Failure failure:
                await context.Publish(new ConversationTurnFailedIntegrationEvent(turn.TurnId, turn.ConversationId, turn.TaskId, turn.PlanId, failure.Reason, failure.Transient, DateTimeOffset.UtcNow));
                break;
        }
    }
}

/// <summary>One scripted answer of the fake Conversation service.</summary>
public abstract record TurnScript(TimeSpan Latency)
{
    public sealed record Reply(string Text, TimeSpan Latency, string? Question = null, bool ProposeCompletion = false) : TurnScript(Latency);

    public sealed record Failure(string Reason, bool Transient, TimeSpan Latency) : TurnScript(Latency);

    /// <summary>Never answers, like a Conversation instance that died mid-turn.</summary>
    public sealed record Silence() : TurnScript(TimeSpan.Zero);
}
