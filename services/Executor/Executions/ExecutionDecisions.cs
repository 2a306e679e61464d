using System.Text;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Contracts.Planning;

namespace Orchestrator.Executor.Executions;

/// <summary>Pure decisions over an execution's state: every change to an execution is decided here.</summary>
public static class ExecutionDecisions
{
    /// <summary>
    /// A "task ready" message: queues the attempt (an interactive one starts at once, waiting for the
    /// person). A redelivered or stale message — an attempt already queued or started, a finished
    /// or cancelled task — changes nothing.
    /// </summary>
    public static IReadOnlyList<object> Ready(Execution? state, TaskReadyIntegrationEvent ready, DateTimeOffset now)
    {
        if (state is not null && (ready.Attempt <= state.Attempts || state.Status is not (ExecutionStatus.Pending or ExecutionStatus.Failed)))
        {
            return [];
        }

        var events = new List<object>();
        if (state is null)
        {
            events.Add(new ExecutionRegistered(ready.TaskId, ready.PlanId, now));
        }

        events.Add(new AttemptQueued(ready.TaskId, ready.PlanId, ready.Attempt, ready.ConversationId, ready.Title, ready.Brief, ready.Mode,
            ready.ExpectedOutputs, ready.Inputs, ready.At, now));
        if (ready.Mode == TaskExecutionMode.Interactive)
        {
            events.Add(new AttemptStarted(ready.TaskId, ready.PlanId, ready.Attempt, true, now));
        }

        return events;
    }

    /// <summary>Which queued executions start now: oldest first, within the global and the per-plan limits.</summary>
    public static IReadOnlyList<Guid> Admit(
        IEnumerable<(Guid TaskId, Guid PlanId)> queuedOldestFirst, IEnumerable<Guid> runningPlanIds, int maxConcurrency, int maxPerPlan)
    {
        var perPlan = runningPlanIds.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var running = perPlan.Values.Sum();
        var admitted = new List<Guid>();
        foreach (var (taskId, planId) in queuedOldestFirst)
        {
            if (running >= maxConcurrency)
            {
                break;
            }

            if (perPlan.GetValueOrDefault(planId) >= maxPerPlan)
            {
                continue;
            }

            admitted.Add(taskId);
            perPlan[planId] = perPlan.GetValueOrDefault(planId) + 1;
            running++;
        }

        return admitted;
    }

    /// <summary>Starts a queued autonomous or hybrid attempt with its first turn.</summary>
    public static IReadOnlyList<object> Start(Execution state, Guid turnId, DateTimeOffset now)
    {
        if (state.Status != ExecutionStatus.Queued || state.Spec is not { } spec)
        {
            return [];
        }

        return
        [
            new AttemptStarted(state.Id, state.PlanId, state.Attempts, false, now),
            new TurnRequested(state.Id, state.PlanId, spec.ConversationId, turnId, 1, FirstInstruction(spec), spec.Mode == TaskExecutionMode.Hybrid, now),
        ];
    }

    /// <summary>A turn's reply: completes the task, asks the person (hybrid), or asks for the next turn.</summary>
    public static IReadOnlyList<object> TurnSucceeded(Execution state, ConversationTurnCompletedIntegrationEvent turn, int maxTurns, Guid nextTurnId, DateTimeOffset now)
    {
        if (state.Status != ExecutionStatus.Running || state.Turn?.TurnId != turn.TurnId || state.Spec is not { } spec)
        {
            return [];
        }

        var completed = new TurnCompleted(state.Id, turn.TurnId, turn.Reply, (long)turn.PromptTokens + turn.CompletionTokens, turn.LatencyMs, turn.PromptVersionId, now, turn.CostUsd);
        var after = ExecutionEvolution.Evolve(state, completed)!;
        if (turn.CompletionProposed)
        {
            return [completed, Complete(after, now)];
        }

        if (turn.InputRequested && spec.Mode == TaskExecutionMode.Hybrid)
        {
            return [completed, new InputRequested(state.Id, state.PlanId, spec.ConversationId, string.IsNullOrWhiteSpace(turn.Question) ? turn.Reply : turn.Question, now)];
        }

        var missing = MissingOutputs(spec, after.Replies);
        if (missing.Count == 0 || after.Turns >= maxTurns)
        {
            return [completed, Complete(after, now)];
        }

        return [completed, new TurnRequested(state.Id, state.PlanId, spec.ConversationId, nextTurnId, after.Turns + 1, ContinueInstruction(missing), spec.Mode == TaskExecutionMode.Hybrid, now)];
    }

    /// <summary>A failed turn: a transient failure is retried after an exponential backoff with jitter (0 ≤ <paramref name="jitter"/> &lt; 1); otherwise the task fails.</summary>
    public static IReadOnlyList<object> TurnFailed(
        Execution state, ConversationTurnFailedIntegrationEvent turn, int maxRetries, TimeSpan baseDelay, double jitter, Guid nextTurnId, DateTimeOffset now)
    {
        if (state.Status != ExecutionStatus.Running || state.Turn is not { } outstanding || outstanding.TurnId != turn.TurnId)
        {
            return [];
        }

        var failed = new TurnFailed(state.Id, turn.TurnId, turn.Reason, turn.Transient, now);
        if (turn.Transient && state.TurnRetries < maxRetries)
        {
            var delay = baseDelay * Math.Pow(2, state.TurnRetries) * (1 + (jitter / 2));
            return [failed, new TurnScheduled(state.Id, nextTurnId, outstanding.Number, outstanding.Instruction, outstanding.AllowInputRequest, now + delay, now)];
        }

        var reason = turn.Transient ? $"{turn.Reason} (still failing after {maxRetries} retries)" : turn.Reason;
        return [failed, new ExecutionFailed(state.Id, state.PlanId, reason, state.Attempts, turn.PromptVersionId ?? state.PromptVersionId, now, state.Spec?.Mode, state.Spec?.ConversationId,
            state.Tokens, state.CostUsd)];
    }

    /// <summary>The person answered a hybrid task's question: it resumes with the next turn.</summary>
    public static IReadOnlyList<object> InputProvided(Execution state, HumanInputProvidedIntegrationEvent input, Guid nextTurnId, DateTimeOffset now)
    {
        if (state.Status != ExecutionStatus.AwaitingInput || state.Spec is not { } spec || spec.ConversationId != input.ConversationId)
        {
            return [];
        }

        // The answer is already the newest message of the conversation: the turn continues from it.
        return
        [
            new ExecutionResumed(state.Id, state.PlanId, now),
            new TurnRequested(state.Id, state.PlanId, spec.ConversationId, nextTurnId, state.Turns + 1, null, true, now),
        ];
    }

    /// <summary>Requests the outstanding turn when its backoff is over, or again when its lease ran out.</summary>
    public static IReadOnlyList<object> RequestDueTurn(Execution state, TimeSpan lease, DateTimeOffset now)
    {
        if (state.Status != ExecutionStatus.Running || state.Turn is not { } turn || state.Spec is not { } spec)
        {
            return [];
        }

        var due = turn.RequestedAt is { } requested ? requested + lease <= now : turn.DueAt <= now;
        return due ? [new TurnRequested(state.Id, state.PlanId, spec.ConversationId, turn.TurnId, turn.Number, turn.Instruction, turn.AllowInputRequest, now)] : [];
    }

    /// <summary>Fails an attempt that has been driving turns for longer than the timeout.</summary>
    public static IReadOnlyList<object> TimeOut(Execution state, TimeSpan timeout, DateTimeOffset now) =>
        state.Status == ExecutionStatus.Running && state.StartedAt is { } started && started + timeout <= now
            ? [new ExecutionFailed(state.Id, state.PlanId, $"Timed out after {timeout.TotalSeconds:0} s without finishing.", state.Attempts, state.PromptVersionId, now, state.Spec?.Mode, state.Spec?.ConversationId, state.Tokens, state.CostUsd)]
            : [];

    /// <summary>The person marks an interactive task done.</summary>
    public static Decision CompleteByPerson(Execution state, string? result, DateTimeOffset now)
    {
        if (state.Status != ExecutionStatus.Active)
        {
            return Decision.Conflict(state.Status switch
            {
                ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled => $"The task is already {Kebab(state.Status)}.",
                ExecutionStatus.Pending or ExecutionStatus.Queued => "The task has not started yet.",
                _ => "Only an interactive task waiting for the person can be completed this way.",
            });
        }

        var text = string.IsNullOrWhiteSpace(result) ? string.Join("\n\n", state.Replies) : result.Trim();
        var summary = string.IsNullOrWhiteSpace(text) ? "Completed by the person." : Summarize(text);
        return Decision.Accept(new ExecutionCompleted(state.Id, state.PlanId, summary, text, state.Attempts, state.Tokens, state.PromptVersionId, now, state.CostUsd));
    }

    /// <summary>The person asks to run a failed task again; the Planner readies the next attempt.</summary>
    public static Decision Retry(Execution state, DateTimeOffset now)
    {
        if (state.Status != ExecutionStatus.Failed)
        {
            return Decision.Conflict($"Only a failed task can be retried; this one is {Kebab(state.Status)}.");
        }

        return state.RetryRequested
            ? Decision.Conflict("A retry of this task was already requested.")
            : Decision.Accept(new ExecutionRetryRequested(state.Id, state.PlanId, now));
    }

    /// <summary>Cancels the execution: nothing new starts for it and late turn results are ignored.</summary>
    public static Decision Cancel(Execution state, string reason, bool byPerson, DateTimeOffset now) =>
        state.IsFinished
            ? Decision.Conflict($"The task is already {Kebab(state.Status)}.")
            : Decision.Accept(new ExecutionCancelled(state.Id, state.PlanId, reason, byPerson, now));

    /// <summary>Expected outputs not yet named in any reply (case-insensitive); with none declared, one reply is enough.</summary>
    public static IReadOnlyList<string> MissingOutputs(AttemptSpec spec, IReadOnlyList<string> replies)
    {
        if (spec.ExpectedOutputs.Count == 0)
        {
            return replies.Any(r => !string.IsNullOrWhiteSpace(r)) ? [] : ["a reply"];
        }

        return spec.ExpectedOutputs.Where(o => !replies.Any(r => r.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    private static ExecutionCompleted Complete(Execution state, DateTimeOffset now)
    {
        var result = string.Join("\n\n", state.Replies.Where(r => !string.IsNullOrWhiteSpace(r)));
        return new ExecutionCompleted(state.Id, state.PlanId, Summarize(state.Replies.LastOrDefault(r => !string.IsNullOrWhiteSpace(r)) ?? ""), result,
            state.Attempts, state.Tokens, state.PromptVersionId, now, state.CostUsd);
    }

    /// <summary>The first turn's message: the declared inputs (the brief itself is the conversation's opening), or null to start from the brief.</summary>
    public static string? FirstInstruction(AttemptSpec spec)
    {
        if (spec.Inputs.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder("Inputs for this task:\n");
        foreach (var input in spec.Inputs)
        {
            text.Append("\n## ").Append(input.Title).Append('\n').Append(input.Content).Append('\n');
        }

        return text.ToString();
    }

    private static string ContinueInstruction(IReadOnlyList<string> missing) =>
        $"Continue the task. Still expected: {string.Join("; ", missing)}. Say when the task is complete.";

    private static string Summarize(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 199), "…");
    }

    private static string Kebab(ExecutionStatus status) => ApiJson.Word(status);
}
