using JasperFx.Events;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;
using Orchestrator.Executor.Executions;
using Orchestrator.Executor.Messaging;

namespace Orchestrator.Executor.Tests.Executions;

/// <summary>Given the events of an execution, when something happens, then these events are decided.</summary>
public sealed class ExecutionDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid PlanId = Guid.NewGuid();
    private static readonly Guid TaskId = Guid.NewGuid();
    private static readonly Guid ConversationId = Guid.NewGuid();

    private static TaskReadyIntegrationEvent Ready(TaskExecutionMode mode, int attempt = 1, params string[] outputs) =>
        new(PlanId, TaskId, ConversationId, "Design the cart", "Design a shopping cart.", mode, outputs,
            [new TaskInput(Guid.NewGuid(), "Catalogue", "Products have SKUs.", TaskInputSource.Dependency)], attempt, Now);

    private static Execution Given(params object[] events) => ExecutionEvolution.Fold(null, events)!;

    private static Execution Running(TaskExecutionMode mode, params string[] outputs)
    {
        var queued = Given([.. ExecutionDecisions.Ready(null, Ready(mode, 1, outputs), Now)]);
        return ExecutionEvolution.Fold(queued, ExecutionDecisions.Start(queued, Guid.NewGuid(), Now))!;
    }

    private static ConversationTurnCompletedIntegrationEvent Reply(Execution state, string reply, bool inputRequested = false, bool completionProposed = false) =>
        new(state.Turn!.TurnId, ConversationId, TaskId, PlanId, reply, inputRequested, inputRequested ? "Which currency?" : null, completionProposed,
            "sim", 10, 5, 100, "v1", Now);

    [Fact]
    public void A_ready_autonomous_task_is_queued_and_an_interactive_one_starts_waiting_for_the_person()
    {
        var autonomous = ExecutionDecisions.Ready(null, Ready(TaskExecutionMode.Autonomous), Now);
        Assert.Collection(autonomous, e => Assert.IsType<ExecutionRegistered>(e), e => Assert.Equal(1, Assert.IsType<AttemptQueued>(e).Attempt));
        Assert.Equal(ExecutionStatus.Queued, Given([.. autonomous]).Status);

        var interactive = ExecutionDecisions.Ready(null, Ready(TaskExecutionMode.Interactive), Now);
        Assert.True(Assert.IsType<AttemptStarted>(interactive[^1]).WaitingForPerson);
        Assert.Equal(ExecutionStatus.Active, Given([.. interactive]).Status);
    }

    [Fact]
    public void A_redelivered_ready_for_a_known_attempt_changes_nothing_but_a_new_attempt_of_a_failed_task_is_queued()
    {
        var running = Running(TaskExecutionMode.Autonomous);
        Assert.Empty(ExecutionDecisions.Ready(running, Ready(TaskExecutionMode.Autonomous), Now));
        Assert.Empty(ExecutionDecisions.Ready(running, Ready(TaskExecutionMode.Autonomous, attempt: 2), Now));

        var failed = ExecutionEvolution.Evolve(running, new ExecutionFailed(TaskId, PlanId, "boom", 1, null, Now))!;
        Assert.Empty(ExecutionDecisions.Ready(failed, Ready(TaskExecutionMode.Autonomous), Now));
        var retried = Assert.Single(ExecutionDecisions.Ready(failed, Ready(TaskExecutionMode.Autonomous, attempt: 2), Now));
        Assert.Equal(2, Assert.IsType<AttemptQueued>(retried).Attempt);

        var cancelled = ExecutionEvolution.Evolve(Given(new ExecutionRegistered(TaskId, PlanId, Now)), new ExecutionCancelled(TaskId, PlanId, "no", false, Now))!;
        Assert.Empty(ExecutionDecisions.Ready(cancelled, Ready(TaskExecutionMode.Autonomous), Now));
    }

    [Fact]
    public void Admission_respects_the_global_and_the_per_plan_limit_oldest_first()
    {
        var planA = Guid.NewGuid();
        var planB = Guid.NewGuid();
        var queued = Enumerable.Range(0, 5).Select(_ => (Guid.NewGuid(), planA)).Concat(Enumerable.Range(0, 5).Select(_ => (Guid.NewGuid(), planB))).ToList();

        var admitted = ExecutionDecisions.Admit(queued, [planA], maxConcurrency: 6, maxPerPlan: 3);

        Assert.Equal(queued.Where(q => q.Item2 == planA).Take(2).Concat(queued.Where(q => q.Item2 == planB).Take(3)).Select(q => q.Item1), admitted);
        Assert.Empty(ExecutionDecisions.Admit(queued, Enumerable.Repeat(planB, 6), maxConcurrency: 6, maxPerPlan: 8));
    }

    [Fact]
    public void The_first_turn_carries_the_declared_inputs_and_hybrid_turns_may_ask_for_input()
    {
        var autonomous = Running(TaskExecutionMode.Autonomous);
        Assert.Equal(ExecutionStatus.Running, autonomous.Status);
        Assert.Equal(1, autonomous.Turn!.Number);
        Assert.Contains("Products have SKUs.", autonomous.Turn.Instruction);
        Assert.False(autonomous.Turn.AllowInputRequest);
        Assert.True(Running(TaskExecutionMode.Hybrid).Turn!.AllowInputRequest);
    }

    [Fact]
    public void An_autonomous_task_takes_turns_until_its_expected_outputs_are_produced()
    {
        var state = Running(TaskExecutionMode.Autonomous, "API design", "schema");

        var first = ExecutionDecisions.TurnSucceeded(state, Reply(state, "Here is the API design."), 4, Guid.NewGuid(), Now);
        var next = Assert.IsType<TurnRequested>(first[^1]);
        Assert.Equal(2, next.Number);
        Assert.Contains("schema", next.Instruction);

        state = ExecutionEvolution.Fold(state, first)!;
        var second = ExecutionDecisions.TurnSucceeded(state, Reply(state, "And the schema."), 4, Guid.NewGuid(), Now);
        var completed = Assert.IsType<ExecutionCompleted>(second[^1]);
        Assert.Equal("And the schema.", completed.Summary);
        Assert.Equal("Here is the API design.\n\nAnd the schema.", completed.Result);
        Assert.Equal(30, completed.Tokens);
        Assert.Equal("v1", completed.PromptVersionId);
    }

    [Fact]
    public void The_turn_limit_completes_with_what_was_produced_and_a_proposed_completion_completes_at_once()
    {
        var state = Running(TaskExecutionMode.Autonomous, "never mentioned");
        for (var turn = 1; turn < 3; turn++)
        {
            state = ExecutionEvolution.Fold(state, ExecutionDecisions.TurnSucceeded(state, Reply(state, $"turn {turn}"), 3, Guid.NewGuid(), Now))!;
            Assert.Equal(ExecutionStatus.Running, state.Status);
        }

        Assert.IsType<ExecutionCompleted>(ExecutionDecisions.TurnSucceeded(state, Reply(state, "turn 3"), 3, Guid.NewGuid(), Now)[^1]);

        var proposing = Running(TaskExecutionMode.Autonomous, "never mentioned");
        Assert.IsType<ExecutionCompleted>(ExecutionDecisions.TurnSucceeded(proposing, Reply(proposing, "Done.", completionProposed: true), 4, Guid.NewGuid(), Now)[^1]);
    }

    [Fact]
    public void A_hybrid_task_that_asks_for_input_waits_and_resumes_with_the_answer()
    {
        var state = Running(TaskExecutionMode.Hybrid, "design");
        state = ExecutionEvolution.Fold(state, ExecutionDecisions.TurnSucceeded(state, Reply(state, "I need to know", inputRequested: true), 4, Guid.NewGuid(), Now))!;
        Assert.Equal(ExecutionStatus.AwaitingInput, state.Status);
        Assert.Equal("Which currency?", state.Question);

        var input = new HumanInputProvidedIntegrationEvent(ConversationId, TaskId, PlanId, "EUR", Now);
        Assert.Empty(ExecutionDecisions.InputProvided(state, input with { ConversationId = Guid.NewGuid() }, Guid.NewGuid(), Now));
        var resumed = ExecutionDecisions.InputProvided(state, input, Guid.NewGuid(), Now);
        Assert.IsType<ExecutionResumed>(resumed[0]);
        Assert.Equal(2, Assert.IsType<TurnRequested>(resumed[1]).Number);
        Assert.Equal(ExecutionStatus.Running, ExecutionEvolution.Fold(state, resumed)!.Status);

        var autonomous = Running(TaskExecutionMode.Autonomous, "design");
        Assert.IsType<TurnRequested>(ExecutionDecisions.TurnSucceeded(autonomous, Reply(autonomous, "question?", inputRequested: true), 4, Guid.NewGuid(), Now)[^1]);
    }

    [Fact]
    public void Replies_to_turns_no_longer_awaited_are_ignored()
    {
        var state = Running(TaskExecutionMode.Autonomous);
        var reply = Reply(state, "late");
        Assert.Empty(ExecutionDecisions.TurnSucceeded(state, reply with { TurnId = Guid.NewGuid() }, 4, Guid.NewGuid(), Now));

        var cancelled = ExecutionEvolution.Fold(state, ExecutionDecisions.Cancel(state, "stop", true, Now).Events)!;
        Assert.Equal(ExecutionStatus.Cancelled, cancelled.Status);
        Assert.Empty(ExecutionDecisions.TurnSucceeded(cancelled, reply, 4, Guid.NewGuid(), Now));
        Assert.Equal(Refusal.Conflict, ExecutionDecisions.Cancel(cancelled, "again", true, Now).Problem?.Kind);
    }

    [Fact]
    public void Transient_failures_back_off_exponentially_with_jitter_then_the_task_fails_with_the_reason()
    {
        var state = Running(TaskExecutionMode.Autonomous);
        var delays = new List<TimeSpan>();
        for (var retry = 0; retry < 3; retry++)
        {
            var failure = new ConversationTurnFailedIntegrationEvent(state.Turn!.TurnId, ConversationId, TaskId, PlanId, "model overloaded", true, Now);
            var events = ExecutionDecisions.TurnFailed(state, failure, 3, TimeSpan.FromSeconds(1), jitter: 0.5, Guid.NewGuid(), Now);
            var scheduled = Assert.IsType<TurnScheduled>(events[^1]);
            Assert.Equal(1, scheduled.Number);
            delays.Add(scheduled.DueAt - Now);
            state = ExecutionEvolution.Fold(state, events)!;
            Assert.Empty(ExecutionDecisions.RequestDueTurn(state, TimeSpan.FromSeconds(30), Now));
            state = ExecutionEvolution.Fold(state, ExecutionDecisions.RequestDueTurn(state, TimeSpan.FromSeconds(30), scheduled.DueAt))!;
        }

        Assert.Equal([TimeSpan.FromSeconds(1.25), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5)], delays);
        var last = new ConversationTurnFailedIntegrationEvent(state.Turn!.TurnId, ConversationId, TaskId, PlanId, "model overloaded", true, Now, "execute:3");
        var failed = Assert.IsType<ExecutionFailed>(ExecutionDecisions.TurnFailed(state, last, 3, TimeSpan.FromSeconds(1), 0, Guid.NewGuid(), Now)[^1]);
        Assert.Contains("model overloaded", failed.Reason);
        Assert.Equal(TaskExecutionMode.Autonomous, failed.Mode);
        Assert.Equal(ConversationId, failed.ConversationId);
        Assert.Equal("execute:3", failed.PromptVersionId);

        var permanent = Running(TaskExecutionMode.Autonomous);
        var refused = new ConversationTurnFailedIntegrationEvent(permanent.Turn!.TurnId, ConversationId, TaskId, PlanId, "content refused", false, Now);
        Assert.Equal("content refused", Assert.IsType<ExecutionFailed>(ExecutionDecisions.TurnFailed(permanent, refused, 3, TimeSpan.FromSeconds(1), 0, Guid.NewGuid(), Now)[^1]).Reason);
    }

    [Fact]
    public void A_turn_outstanding_past_its_lease_is_requested_again_with_the_same_id_and_a_long_attempt_times_out()
    {
        var state = Running(TaskExecutionMode.Autonomous);
        Assert.Empty(ExecutionDecisions.RequestDueTurn(state, TimeSpan.FromSeconds(30), Now.AddSeconds(29)));
        Assert.Equal(state.Turn!.TurnId, Assert.IsType<TurnRequested>(Assert.Single(ExecutionDecisions.RequestDueTurn(state, TimeSpan.FromSeconds(30), Now.AddSeconds(30)))).TurnId);

        Assert.Empty(ExecutionDecisions.TimeOut(state, TimeSpan.FromMinutes(10), Now.AddMinutes(9)));
        Assert.Contains("Timed out", Assert.IsType<ExecutionFailed>(Assert.Single(ExecutionDecisions.TimeOut(state, TimeSpan.FromMinutes(10), Now.AddMinutes(10)))).Reason);
    }

    [Fact]
    public void Only_an_active_interactive_task_can_be_completed_by_the_person_and_only_a_failed_one_retried_once()
    {
        var interactive = Given([.. ExecutionDecisions.Ready(null, Ready(TaskExecutionMode.Interactive), Now)]);
        var done = Assert.IsType<ExecutionCompleted>(Assert.Single(ExecutionDecisions.CompleteByPerson(interactive, "  The cart is designed.  ", Now).Events));
        Assert.Equal("The cart is designed.", done.Result);
        Assert.Equal(Refusal.Conflict, ExecutionDecisions.CompleteByPerson(Running(TaskExecutionMode.Autonomous), null, Now).Problem?.Kind);
        Assert.Equal(Refusal.Conflict, ExecutionDecisions.CompleteByPerson(ExecutionEvolution.Evolve(interactive, done)!, null, Now).Problem?.Kind);

        Assert.Equal(Refusal.Conflict, ExecutionDecisions.Retry(interactive, Now).Problem?.Kind);
        var failed = ExecutionEvolution.Evolve(interactive, new ExecutionFailed(TaskId, PlanId, "boom", 1, null, Now))!;
        var retry = ExecutionDecisions.Retry(failed, Now);
        Assert.IsType<ExecutionRetryRequested>(Assert.Single(retry.Events));
        Assert.Equal(Refusal.Conflict, ExecutionDecisions.Retry(ExecutionEvolution.Fold(failed, retry.Events)!, Now).Problem?.Kind);
    }

    [Fact]
    public void Requested_turns_are_sent_to_the_conversation_queue_and_outcomes_published()
    {
        var map = new ExecutorIntegrationEvents(new ExecutorSettings());
        var state = Running(TaskExecutionMode.Autonomous);
        var turn = new TurnRequested(TaskId, PlanId, ConversationId, state.Turn!.TurnId, 1, null, false, Now);

        var send = Assert.IsType<SendTo>(map.Map(new Event<TurnRequested>(turn)));
        Assert.Equal(new Uri("queue:conversation-run-conversation-turn"), send.Destination);
        Assert.Equal(turn.TurnId, Assert.IsType<RunConversationTurn>(send.Message).TurnId);
        Assert.IsType<TaskStartedIntegrationEvent>(map.Map(new Event<AttemptStarted>(new AttemptStarted(TaskId, PlanId, 1, false, Now))));
        Assert.IsType<TaskCompletedIntegrationEvent>(map.Map(new Event<ExecutionCompleted>(new ExecutionCompleted(TaskId, PlanId, "s", "r", 1, 0, null, Now))));
        Assert.Null(map.Map(new Event<TurnCompleted>(new TurnCompleted(TaskId, Guid.NewGuid(), "r", 1, 1, null, Now))));
        Assert.Null(map.Map(new Event<ExecutionCancelled>(new ExecutionCancelled(TaskId, PlanId, "planner", false, Now))));
    }

    [Fact]
    public void A_tasks_cost_is_what_every_turn_cost_and_reaches_the_planner_whether_it_completes_or_fails()
    {
        var state = Running(TaskExecutionMode.Autonomous, "schema");
        state = ExecutionEvolution.Fold(state, ExecutionDecisions.TurnSucceeded(state, Reply(state, "A first draft.") with { CostUsd = 0.0015m }, 4, Guid.NewGuid(), Now))!;
        var done = ExecutionDecisions.TurnSucceeded(state, Reply(state, "The schema.") with { CostUsd = 0.0025m }, 4, Guid.NewGuid(), Now);

        var completed = Assert.IsType<ExecutionCompleted>(done[^1]);
        Assert.Equal(0.004m, completed.CostUsd);
        Assert.Equal(30, completed.Tokens);
        var published = Assert.IsType<TaskCompletedIntegrationEvent>(new ExecutorIntegrationEvents(new ExecutorSettings()).Map(new Event<ExecutionCompleted>(completed)));
        Assert.Equal((30L, 0.004m), (published.Tokens, published.CostUsd));

        var failing = Running(TaskExecutionMode.Autonomous, "schema");
        failing = ExecutionEvolution.Fold(failing, ExecutionDecisions.TurnSucceeded(failing, Reply(failing, "A draft.") with { CostUsd = 0.002m }, 4, Guid.NewGuid(), Now))!;
        var refused = new ConversationTurnFailedIntegrationEvent(failing.Turn!.TurnId, ConversationId, TaskId, PlanId, "content refused", false, Now);
        var failed = Assert.IsType<ExecutionFailed>(ExecutionDecisions.TurnFailed(failing, refused, 3, TimeSpan.FromSeconds(1), 0, Guid.NewGuid(), Now)[^1]);
        Assert.Equal((15L, 0.002m), (failed.Tokens, failed.CostUsd));
        var reported = Assert.IsType<TaskFailedIntegrationEvent>(new ExecutorIntegrationEvents(new ExecutorSettings()).Map(new Event<ExecutionFailed>(failed)));
        Assert.Equal((15L, 0.002m), (reported.Tokens, reported.CostUsd));
    }
}
