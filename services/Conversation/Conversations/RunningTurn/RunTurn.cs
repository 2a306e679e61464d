using Orchestrator.Conversation.Conversations.RecordingReply;
using Orchestrator.Conversation.Conversations.RequestingInput;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.RunningTurn;

/// <summary>The Executor's command to run one autonomous turn, with the instruction to post first (possibly empty) and its tokens.</summary>
public sealed record RunTurn(
    Guid TurnId, Guid ConversationId, Guid TaskId, Guid PlanId, string Instruction, int InstructionTokens, Guid InstructionId, DateTimeOffset Now);

/// <summary>How a turn ended, as the edge saw it.</summary>
public abstract record TurnOutcome(DateTimeOffset At);

/// <summary>The conversation was busy with another reply, so the turn did not run.</summary>
public sealed record TurnBusy(DateTimeOffset At) : TurnOutcome(At);

/// <summary>The model answered <paramref name="Request"/>; <paramref name="MessageId"/> names the reply.</summary>
public sealed record TurnReplied(ModelRequest Request, ModelReply Reply, Guid MessageId, DateTimeOffset At) : TurnOutcome(At);

/// <summary>The model call failed; <paramref name="PromptVersionId"/> is the version it tried, when the prompt was resolved.</summary>
public sealed record TurnCallFailed(string Reason, bool Transient, string? PromptVersionId, DateTimeOffset At) : TurnOutcome(At);

/// <summary>The task was cancelled while the turn ran.</summary>
public sealed record TurnCancelled(DateTimeOffset At) : TurnOutcome(At);

/// <summary>
/// An autonomous turn, decided without I/O: <see cref="Start"/> says before the model call whether the turn runs and what it posts
/// first; <see cref="Decide"/> says what the whole turn appends once its outcome is known, in one transaction.
/// </summary>
public static class RunTurnDecision
{
    public const string Author = "executor";

    public const string BusyReason = "The conversation is busy with another reply.";

    public const string CancelledReason = "The task was cancelled while the turn ran.";

    /// <summary>
    /// Refuses a conversation not open yet (its brief is on the way: the bus retries) and a turn already answered (a repeated
    /// command runs no second model call); otherwise posts the instruction, if any, for the model to answer.
    /// </summary>
    public static Decision Start(Conversation? state, RunTurn command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return Decision.NotFound($"Conversation {command.ConversationId} is not open yet; the turn is retried when its brief arrives.");
        }

        if (state.HandledTurns.Contains(command.TurnId))
        {
            return Decision.Conflict($"Turn {command.TurnId} of conversation {state.Id} was already answered.");
        }

        var instruction = command.Instruction.Trim();
        return instruction.Length == 0
            ? Decision.Unchanged
            : Decision.Accept(new MessagePosted(state.Id, command.InstructionId, Author, instruction, command.InstructionTokens, command.Now));
    }

    /// <summary>
    /// The whole turn: the instruction, the <paramref name="recap"/> made while preparing the model request, then the outcome:
    /// the reply (a question asked becomes the reply when the model wrote nothing else) with the input request and the completion;
    /// or the failure. A busy conversation posts nothing and fails the turn as transient; a cancelled task fails it for good.
    /// </summary>
    public static Decision Decide(
        Conversation? state, RunTurn command, IReadOnlyList<object> recap, TurnOutcome outcome, ITokenCounter tokens, ModelPricing pricing)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var start = Start(state, command);
        if (start.Problem is not null)
        {
            return start;
        }

        object[] before = [.. start.Events, .. recap];
        return outcome switch
        {
            TurnBusy => Decision.Accept(Failed(command, BusyReason, transient: true, outcome.At)),
            TurnReplied replied => After(before, Replied(ConversationEvolution.Apply(state, before)!, command, replied, tokens, pricing)),
            TurnCallFailed failed => Decision.Accept([.. before, Failed(command, failed.Reason, failed.Transient, failed.At) with { PromptVersionId = failed.PromptVersionId }]),
            TurnCancelled => Decision.Accept([.. before, Failed(command, CancelledReason, transient: false, outcome.At)]),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An outcome this decision does not know."),
        };
    }

    private static Decision Replied(Conversation state, RunTurn command, TurnReplied replied, ITokenCounter tokens, ModelPricing pricing)
    {
        var (reply, at) = (replied.Reply, replied.At);
        // A turn that only asked a question shows (and later sends the model) the question as its reply.
        var content = reply.Content.Length == 0 && reply.InputRequest is { } asked ? asked.Question : reply.Content;
        var recorded = RecordReplyDecision.Decide(state, new RecordReply(
            state.Id, replied.MessageId, MessageStatus.Complete, content, replied.Request, reply.Usage, null, null, reply.Usage.Model, Guid.Empty, at) { TurnId = command.TurnId },
            tokens, pricing);
        if (recorded.Problem is not null)
        {
            return recorded;
        }

        var requested = reply.InputRequest is { } input
            ? RequestInputDecision.Decide(state, new RequestInput(state.Id, input.Question, command.TurnId, at))
            : Decision.Unchanged;
        if (requested.Problem is not null)
        {
            return requested;
        }

        var generated = recorded.Events.OfType<ReplyGenerated>().Single();
        return Decision.Accept([.. recorded.Events, .. requested.Events, new AutonomousTurnCompleted(command.TurnId, state.Id, state.TaskId, state.PlanId, content,
            reply.InputRequest is not null, reply.InputRequest?.Question, reply.CompletionProposed, generated.Model, generated.PromptTokens,
            generated.CompletionTokens, generated.LatencyMs, generated.PromptVersionId, at, generated.CostUsd)]);
    }

    private static Decision After(object[] before, Decision then) => then.Problem is null ? Decision.Accept([.. before, .. then.Events]) : then;

    private static AutonomousTurnFailed Failed(RunTurn command, string reason, bool transient, DateTimeOffset at) =>
        new(command.TurnId, command.ConversationId, command.TaskId, command.PlanId, reason, transient, at);
}
