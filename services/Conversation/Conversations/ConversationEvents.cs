using Orchestrator.Contracts.Planning;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations;

/// <summary>A task's conversation began with its consolidated brief.</summary>
public sealed record ConversationStarted(Guid ConversationId, Guid TaskId, Guid PlanId, string Brief, DateTimeOffset At);

/// <summary>The task's title, brief, mode or expected outputs were set or changed by the Planner.</summary>
public sealed record ConversationBriefed(
    Guid ConversationId, Guid TaskId, Guid PlanId, Guid? ParentId, string Title, string Brief, TaskExecutionMode Mode,
    IReadOnlyList<string> ExpectedOutputs, DateTimeOffset At);

/// <summary>The inputs the task declares (results of its dependencies and children, what its parent passed down).</summary>
public sealed record InputsDeclared(Guid ConversationId, IReadOnlyList<TaskInput> Inputs, int Attempt, DateTimeOffset At);

/// <summary>A person (or the Executor, for an autonomous turn's instruction) wrote a message.</summary>
public sealed record MessagePosted(Guid ConversationId, Guid MessageId, string Author, string Content, int Tokens, DateTimeOffset At);

/// <summary>
/// The model's reply, complete or as far as it got when stopped or when the provider failed, with what its call cost in US
/// dollars at the prices configured when it was made.
/// </summary>
public sealed record ReplyGenerated(
    Guid ConversationId, Guid MessageId, string Content, MessageStatus Status, string Model, int PromptTokens, int CompletionTokens,
    double LatencyMs, string? PromptVersionId, string? FailureReason, Guid? TurnId, DateTimeOffset At, decimal CostUsd = 0m)
{
    /// <summary>The conversation's task and plan, so that other services hear what the reply cost (empty in replies recorded before they were named).</summary>
    public Guid TaskId { get; init; }

    public Guid PlanId { get; init; }
}

/// <summary>The model asked the person a question (a structured tool call); the conversation waits for the answer.</summary>
public sealed record InputRequested(Guid ConversationId, Guid TaskId, Guid PlanId, string Question, Guid? TurnId, DateTimeOffset At);

/// <summary>The person answered the pending question.</summary>
public sealed record HumanInputProvided(Guid ConversationId, Guid TaskId, Guid PlanId, Guid MessageId, string Question, string Answer, DateTimeOffset At);

/// <summary>An autonomous turn the Executor asked for finished.</summary>
public sealed record AutonomousTurnCompleted(
    Guid TurnId, Guid ConversationId, Guid TaskId, Guid PlanId, string Reply, bool InputRequested, string? Question, bool CompletionProposed,
    string Model, int PromptTokens, int CompletionTokens, double LatencyMs, string? PromptVersionId, DateTimeOffset At, decimal CostUsd = 0m);

/// <summary>An autonomous turn the Executor asked for could not run or its model call failed.</summary>
public sealed record AutonomousTurnFailed(
    Guid TurnId, Guid ConversationId, Guid TaskId, Guid PlanId, string Reason, bool Transient, DateTimeOffset At, string? PromptVersionId = null);

/// <summary>Older messages were summarised into one recap because the context neared the model's window.</summary>
public sealed record ConversationRecapped(
    Guid ConversationId, string Summary, Guid ThroughMessageId, int MessagesSummarised, int TokensBefore, int TokensAfter, DateTimeOffset At)
{
    /// <summary>The recap call's own tokens and cost in US dollars, for the task's cost (zero in recaps recorded before they were kept).</summary>
    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public decimal CostUsd { get; init; }

    public Guid TaskId { get; init; }

    public Guid PlanId { get; init; }
}

/// <summary>The model proposed splitting the task into child chats (<c>propose_subtasks</c>) with its reply <paramref name="MessageId"/>.</summary>
public sealed record SubtasksProposed(Guid ConversationId, Guid ProposalId, Guid MessageId, string Reason, IReadOnlyList<ProposedSubtask> Subtasks, DateTimeOffset At);

/// <summary>The person created the proposed child chats (as edited) as the tasks <paramref name="TaskIds"/> under the conversation's task.</summary>
public sealed record ProposalAccepted(
    Guid ConversationId, Guid ProposalId, Guid PlanId, Guid ParentTaskId, IReadOnlyList<ProposedSubtask> Subtasks, IReadOnlyList<Guid> TaskIds, DateTimeOffset At);

/// <summary>The person dismissed a proposal; nothing was created.</summary>
public sealed record ProposalDismissed(Guid ConversationId, Guid ProposalId, DateTimeOffset At);

/// <summary>
/// The person set (or, with a null <paramref name="Verdict"/>, cleared) their thumbs on the reply <paramref name="MessageId"/>,
/// produced by <paramref name="PromptVersionId"/>; <paramref name="PreviousVerdict"/> is the last verdict they gave it before
/// (null the first time), so the prompt version's outcome can be revised rather than counted again.
/// </summary>
public sealed record ReplyRated(
    Guid ConversationId, Guid TaskId, Guid PlanId, Guid MessageId, ReplyVerdict? Verdict, ReplyVerdict? PreviousVerdict, string? PromptVersionId, DateTimeOffset At);

/// <summary>How each domain event changes a conversation.</summary>
public static class ConversationEvolution
{
    public static Conversation? Evolve(Conversation? state, object @event) => @event switch
    {
        ConversationStarted e => state ?? new Conversation
        {
            Id = e.ConversationId,
            TaskId = e.TaskId,
            PlanId = e.PlanId,
            Title = FirstLine(e.Brief),
            Brief = e.Brief,
            StartedAt = e.At,
        },
        ConversationBriefed e => (state ?? new Conversation { Id = e.ConversationId, StartedAt = e.At }) with
        {
            TaskId = e.TaskId,
            PlanId = e.PlanId,
            ParentId = e.ParentId,
            Title = e.Title,
            Brief = e.Brief,
            Mode = e.Mode,
            ExpectedOutputs = [.. e.ExpectedOutputs],
        },
        InputsDeclared e when state is not null => state with { Inputs = [.. e.Inputs] },
        MessagePosted e when state is not null => state with
        {
            Messages = state.Messages.Add(new ConversationMessage(e.MessageId, MessageRole.User, e.Author, e.Content, e.At, e.Tokens)),
        },
        ReplyGenerated e when state is not null => state with
        {
            Messages = state.Messages.Add(new ConversationMessage(e.MessageId, MessageRole.Assistant, e.Model, e.Content, e.At, e.CompletionTokens, e.Status, e.PromptVersionId)
            {
                InputTokens = e.PromptTokens,
                OutputTokens = e.CompletionTokens,
                CostUsd = e.CostUsd,
            }),
        },
        InputRequested e when state is not null => state with { Status = ConversationStatus.AwaitingInput, PendingQuestion = e.Question },
        HumanInputProvided when state is not null => state with { Status = ConversationStatus.Idle, PendingQuestion = null },
        AutonomousTurnCompleted e when state is not null => state with { HandledTurns = state.HandledTurns.Add(e.TurnId) },
        AutonomousTurnFailed e when state is not null => state with { HandledTurns = state.HandledTurns.Add(e.TurnId) },
        ConversationRecapped e when state is not null => state with { Recap = new Recap(e.Summary, e.ThroughMessageId, e.MessagesSummarised, e.At) },
        SubtasksProposed e when state is not null => state with
        {
            Proposals = state.Proposals.Add(new SubtaskProposalState(e.ProposalId, e.MessageId, e.Reason, [.. e.Subtasks], ProposalStatus.Open, [])),
        },
        ProposalAccepted e when state is not null => state.ReplaceProposal(e.ProposalId, p => p with
        {
            Status = ProposalStatus.Accepted,
            Subtasks = [.. e.Subtasks],
            TaskIds = [.. e.TaskIds],
        }),
        ReplyRated e when state is not null => state.ReplaceMessage(e.MessageId, m => m with { Feedback = e.Verdict, CountedVerdict = e.Verdict ?? m.CountedVerdict }),
        ProposalDismissed e when state is not null => state.ReplaceProposal(e.ProposalId, p => p with { Status = ProposalStatus.Dismissed }),
        _ => state,
    };

    public static Conversation? Apply(Conversation? state, IEnumerable<object> events) => events.Aggregate(state, Evolve);

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : string.Concat(line.AsSpan(0, 77).TrimEnd(), "…");
    }
}
