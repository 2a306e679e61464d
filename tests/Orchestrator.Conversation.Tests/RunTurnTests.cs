using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.RunningTurn;
using Orchestrator.ModelAccess;
using static Orchestrator.Conversation.Tests.ConversationGiven;
using InputRequested = Orchestrator.Conversation.Conversations.InputRequested;

namespace Orchestrator.Conversation.Tests;

/// <summary>An autonomous turn for the Executor: what it posts before the model call and what it appends once the call ended.</summary>
public sealed class RunTurnTests
{
    private static readonly ModelUsage Usage = new("priced-model", 2_000, 1_000, TimeSpan.FromMilliseconds(120));

    [Fact]
    public void A_turn_posts_the_executors_instruction_trimmed_before_the_model_call()
    {
        var (state, command) = Given("  Write the summary now ");

        var start = RunTurnDecision.Start(state, command);

        Assert.Null(start.Problem);
        var posted = Assert.IsType<MessagePosted>(Assert.Single(start.Events));
        Assert.Equal((command.InstructionId, "executor", "Write the summary now", 4), (posted.MessageId, posted.Author, posted.Content, posted.Tokens));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void A_turn_without_an_instruction_posts_nothing_and_continues_the_conversation(string instruction)
    {
        var (state, command) = Given(instruction);

        var start = RunTurnDecision.Start(state, command);

        Assert.Null(start.Problem);
        Assert.Empty(start.Events);
    }

    [Fact]
    public void A_turn_for_a_conversation_not_open_yet_is_refused_so_the_bus_retries_it()
    {
        var (_, command) = Given("Go");

        var start = RunTurnDecision.Start(null, command);

        Assert.Equal(Refusal.NotFound, start.Problem?.Kind);
        Assert.Contains("not open yet", start.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(Refusal.NotFound, RunTurnDecision.Decide(null, command, [], Replied("Done."), Tokens, Pricing).Problem?.Kind);
    }

    [Fact]
    public void A_turn_already_answered_is_refused_and_runs_no_second_model_call()
    {
        var (state, command) = Given("Go");
        var answered = ConversationEvolution.Apply(state, RunTurnDecision.Decide(state, command, [], Replied("Done."), Tokens, Pricing).Events)!;

        var again = RunTurnDecision.Start(answered, command with { InstructionId = Guid.NewGuid() });

        Assert.Equal(Refusal.Conflict, again.Problem?.Kind);
        Assert.Contains("already answered", again.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(Refusal.Conflict, RunTurnDecision.Decide(answered, command, [], Replied("Again."), Tokens, Pricing).Problem?.Kind);
    }

    [Fact]
    public void A_reply_appends_the_instruction_the_recap_the_reply_and_the_completion_in_that_order()
    {
        var (state, command) = Given("Write the summary now");
        var first = state.Messages[0].Id;
        var recap = new ConversationRecapped(state.Id, "Earlier: the notes.", first, 1, 900, 100, Now);
        var outcome = Replied("Here is the summary.") with { Reply = new ModelReply("Here is the summary.", Usage, null) { CompletionProposed = true } };

        var decision = RunTurnDecision.Decide(state, command, [recap], outcome, Tokens, Pricing);

        Assert.Null(decision.Problem);
        Assert.Equal([typeof(MessagePosted), typeof(ConversationRecapped), typeof(ReplyGenerated), typeof(AutonomousTurnCompleted)], decision.Events.Select(e => e.GetType()));
        var reply = (ReplyGenerated)decision.Events[2];
        Assert.Equal((outcome.MessageId, "Here is the summary.", MessageStatus.Complete, (Guid?)command.TurnId), (reply.MessageId, reply.Content, reply.Status, reply.TurnId));
        Assert.Equal(("priced-model", 2_000, 1_000, 120d, "execute:2", 0.004m), (reply.Model, reply.PromptTokens, reply.CompletionTokens, reply.LatencyMs, reply.PromptVersionId, reply.CostUsd));
        var completed = (AutonomousTurnCompleted)decision.Events[3];
        Assert.Equal((command.TurnId, state.TaskId, state.PlanId, "Here is the summary."), (completed.TurnId, completed.TaskId, completed.PlanId, completed.Reply));
        Assert.Equal((false, (string?)null, true, "execute:2", 0.004m), (completed.InputRequested, completed.Question, completed.CompletionProposed, completed.PromptVersionId, completed.CostUsd));
        var after = ConversationEvolution.Apply(state, decision.Events)!;
        Assert.Contains(command.TurnId, after.HandledTurns);
        Assert.Equal(ConversationStatus.Idle, after.Status);
        Assert.Equal("Earlier: the notes.", after.Recap?.Summary);
    }

    [Fact]
    public void A_turn_that_only_asks_a_question_shows_the_question_as_its_reply_and_waits_for_the_person()
    {
        var (state, command) = Given("");
        var outcome = Replied("") with { Reply = new ModelReply("", Usage, new HumanInputRequest("Which database?")) };

        var decision = RunTurnDecision.Decide(state, command, [], outcome, Tokens, Pricing);

        Assert.Equal([typeof(ReplyGenerated), typeof(InputRequested), typeof(AutonomousTurnCompleted)], decision.Events.Select(e => e.GetType()));
        Assert.Equal("Which database?", ((ReplyGenerated)decision.Events[0]).Content);
        var asked = (InputRequested)decision.Events[1];
        Assert.Equal((state.TaskId, state.PlanId, "Which database?", (Guid?)command.TurnId), (asked.TaskId, asked.PlanId, asked.Question, asked.TurnId));
        var completed = (AutonomousTurnCompleted)decision.Events[2];
        Assert.Equal((true, "Which database?", "Which database?"), (completed.InputRequested, completed.Question, completed.Reply));
        var after = ConversationEvolution.Apply(state, decision.Events)!;
        Assert.Equal((ConversationStatus.AwaitingInput, "Which database?"), (after.Status, after.PendingQuestion));
    }

    [Fact]
    public void A_question_asked_alongside_a_reply_keeps_the_reply_as_written()
    {
        var (state, command) = Given("");
        var outcome = Replied("") with { Reply = new ModelReply("Two options fit.", Usage, new HumanInputRequest("Which one?")) };

        var decision = RunTurnDecision.Decide(state, command, [], outcome, Tokens, Pricing);

        Assert.Equal("Two options fit.", ((ReplyGenerated)decision.Events[0]).Content);
        Assert.Equal("Which one?", ((AutonomousTurnCompleted)decision.Events[2]).Question);
    }

    [Fact]
    public void A_conversation_busy_with_another_reply_fails_the_turn_as_transient_and_posts_nothing()
    {
        var (state, command) = Given("Go");

        var decision = RunTurnDecision.Decide(state, command, [], new TurnBusy(Now.AddSeconds(1)), Tokens, Pricing);

        var failed = Assert.IsType<AutonomousTurnFailed>(Assert.Single(decision.Events));
        Assert.Equal((command.TurnId, command.TaskId, command.PlanId, RunTurnDecision.BusyReason, true), (failed.TurnId, failed.TaskId, failed.PlanId, failed.Reason, failed.Transient));
        Assert.Equal(Now.AddSeconds(1), failed.At);
        Assert.Null(failed.PromptVersionId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failed_model_call_keeps_the_instruction_and_the_recap_and_names_the_prompt_version_it_tried(bool transient)
    {
        var (state, command) = Given("Go");
        var recap = new ConversationRecapped(state.Id, "Earlier.", state.Messages[0].Id, 1, 900, 100, Now);

        var decision = RunTurnDecision.Decide(state, command, [recap], new TurnCallFailed("The model provider answered 503 (ServiceUnavailable).", transient, "execute:2", Now), Tokens, Pricing);

        Assert.Equal([typeof(MessagePosted), typeof(ConversationRecapped), typeof(AutonomousTurnFailed)], decision.Events.Select(e => e.GetType()));
        var failed = (AutonomousTurnFailed)decision.Events[2];
        Assert.Equal(("The model provider answered 503 (ServiceUnavailable).", transient, "execute:2"), (failed.Reason, failed.Transient, failed.PromptVersionId));
        Assert.Contains(command.TurnId, ConversationEvolution.Apply(state, decision.Events)!.HandledTurns);
    }

    [Fact]
    public void A_turn_of_a_cancelled_task_fails_for_good()
    {
        var (state, command) = Given("Go");

        var decision = RunTurnDecision.Decide(state, command, [], new TurnCancelled(Now), Tokens, Pricing);

        var failed = Assert.IsType<AutonomousTurnFailed>(decision.Events[^1]);
        Assert.Equal((RunTurnDecision.CancelledReason, false, (string?)null), (failed.Reason, failed.Transient, failed.PromptVersionId));
        Assert.IsType<MessagePosted>(decision.Events[0]);
    }

    private static readonly ModelRequest Request = new([new ModelMessage(ModelRole.User, "Summarise the release notes")]) { PromptVersionId = "execute:2" };

    private static TurnReplied Replied(string content) => new(Request, new ModelReply(content, Usage, null), Guid.NewGuid(), Now);

    private static (Conversations.Conversation State, RunTurn Command) Given(string instruction)
    {
        var briefed = Briefed(mode: TaskExecutionMode.Hybrid);
        var state = State(briefed, Posted(briefed.ConversationId, "Summarise the release notes"));
        var trimmed = instruction.Trim();
        return (state, new RunTurn(Guid.NewGuid(), state.Id, state.TaskId, state.PlanId, instruction, Tokens.Count(trimmed), Guid.NewGuid(), Now));
    }
}
