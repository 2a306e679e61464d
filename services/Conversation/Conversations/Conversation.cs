using System.Collections.Immutable;
using Orchestrator.Contracts.Planning;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations;

public enum MessageRole
{
    System,
    User,
    Assistant,
}

/// <summary>How a message ended: complete, stopped by the person, or cut off by a provider failure.</summary>
public enum MessageStatus
{
    Complete,
    Stopped,
    Failed,
}

public enum ConversationStatus
{
    Idle,
    AwaitingInput,
}

/// <summary>The person's thumbs on a reply.</summary>
public enum ReplyVerdict
{
    Up,
    Down,
}

/// <summary>
/// One message. A reply keeps the prompt version that produced it, the person's current verdict on it (<see cref="Feedback"/>,
/// null once cleared) and the last verdict they gave (<see cref="CountedVerdict"/>, which a clearing leaves as it was): the
/// one the prompt version's outcome stands at.
/// </summary>
public sealed record ConversationMessage(
    Guid Id, MessageRole Role, string Author, string Content, DateTimeOffset At, int Tokens, MessageStatus Status = MessageStatus.Complete,
    string? PromptVersionId = null, ReplyVerdict? Feedback = null, ReplyVerdict? CountedVerdict = null)
{
    /// <summary>The tokens the model read to write this reply (zero for a person's message).</summary>
    public int InputTokens { get; init; }

    /// <summary>The tokens the model wrote (zero for a person's message).</summary>
    public int OutputTokens { get; init; }

    /// <summary>What the reply's model call cost in US dollars (zero for a person's message, the simulator and an unpriced model).</summary>
    public decimal CostUsd { get; init; }
}

public enum ProposalStatus
{
    Open,
    Accepted,
    Dismissed,
}

/// <summary>A proposal to split the task into child chats, carried by the reply <see cref="MessageId"/>.</summary>
public sealed record SubtaskProposalState(Guid Id, Guid MessageId, string Reason, ImmutableList<ProposedSubtask> Subtasks, ProposalStatus Status, ImmutableList<Guid> TaskIds);

/// <summary>The consolidated summary that replaces the messages up to <paramref name="ThroughMessageId"/> in the model's context.</summary>
public sealed record Recap(string Summary, Guid ThroughMessageId, int MessagesSummarised, DateTimeOffset At);

/// <summary>The state of one conversation stream: one task's brief, declared inputs and own messages.</summary>
public sealed record Conversation
{
    public Guid Id { get; init; }

    public Guid TaskId { get; init; }

    public Guid PlanId { get; init; }

    public Guid? ParentId { get; init; }

    public string Title { get; init; } = "";

    public string Brief { get; init; } = "";

    public TaskExecutionMode Mode { get; init; } = TaskExecutionMode.Interactive;

    public ImmutableList<string> ExpectedOutputs { get; init; } = [];

    public ImmutableList<TaskInput> Inputs { get; init; } = [];

    public ConversationStatus Status { get; init; } = ConversationStatus.Idle;

    public string? PendingQuestion { get; init; }

    public Recap? Recap { get; init; }

    public ImmutableList<ConversationMessage> Messages { get; init; } = [];

    public ImmutableList<SubtaskProposalState> Proposals { get; init; } = [];

    /// <summary>Autonomous turns already answered, so a repeated command runs no second turn.</summary>
    public ImmutableList<Guid> HandledTurns { get; init; } = [];

    public DateTimeOffset StartedAt { get; init; }

    public SubtaskProposalState? FindProposal(Guid proposalId) => Proposals.Find(p => p.Id == proposalId);

    public ConversationMessage? FindMessage(Guid messageId) => Messages.Find(m => m.Id == messageId);

    internal Conversation ReplaceMessage(Guid messageId, Func<ConversationMessage, ConversationMessage> change)
    {
        var index = Messages.FindIndex(m => m.Id == messageId);
        return index < 0 ? this : this with { Messages = Messages.SetItem(index, change(Messages[index])) };
    }

    internal Conversation ReplaceProposal(Guid proposalId, Func<SubtaskProposalState, SubtaskProposalState> change)
    {
        var index = Proposals.FindIndex(p => p.Id == proposalId);
        return index < 0 ? this : this with { Proposals = Proposals.SetItem(index, change(Proposals[index])) };
    }
}
