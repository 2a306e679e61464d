using System.Collections.Immutable;

namespace Orchestrator.Conversation.Conversations;

/// <summary>A task's conversation began with its consolidated brief.</summary>
public sealed record ConversationStarted(Guid ConversationId, Guid TaskId, Guid PlanId, string Brief, DateTimeOffset At);

public enum MessageRole
{
    System,
    User,
    Assistant,
}

public sealed record ConversationMessage(Guid Id, MessageRole Role, string Author, string Content, DateTimeOffset At, int Tokens);

/// <summary>The state of one conversation stream.</summary>
public sealed record Conversation(Guid Id, Guid TaskId, Guid PlanId, string Brief, DateTimeOffset StartedAt, ImmutableList<ConversationMessage> Messages);

/// <summary>How each domain event changes a conversation.</summary>
public static class ConversationEvolution
{
    public static Conversation? Evolve(Conversation? state, object @event) => @event switch
    {
        ConversationStarted e => state ?? new Conversation(e.ConversationId, e.TaskId, e.PlanId, e.Brief, e.At, []),
        _ => state,
    };
}
