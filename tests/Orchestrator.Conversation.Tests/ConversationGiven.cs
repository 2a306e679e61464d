using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations;

namespace Orchestrator.Conversation.Tests;

/// <summary>Builds conversation states from events, as the stream would.</summary>
public static class ConversationGiven
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static ConversationBriefed Briefed(Guid? id = null, string brief = "Write the parser.", TaskExecutionMode mode = TaskExecutionMode.Interactive) =>
        new(id ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "Parser", brief, mode, ["A parser"], Now);

    public static Conversations.Conversation State(params object[] events) => ConversationEvolution.Apply(null, events)!;

    public static MessagePosted Posted(Guid conversationId, string content) =>
        new(conversationId, Guid.NewGuid(), "person", content, content.Length / 4, Now);

    public static ReplyGenerated Replied(Guid conversationId, string content, MessageStatus status = MessageStatus.Complete) =>
        new(conversationId, Guid.NewGuid(), content, status, "m", 10, content.Length / 4, 5, "v1", null, null, Now);
}
