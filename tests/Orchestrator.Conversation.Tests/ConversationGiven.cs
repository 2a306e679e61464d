using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations;
using Orchestrator.ModelAccess;
using InputRequested = Orchestrator.Conversation.Conversations.InputRequested;

namespace Orchestrator.Conversation.Tests;

/// <summary>Builds conversation states from events, as the stream would.</summary>
public static class ConversationGiven
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A model priced at one dollar per million tokens read and two per million written.</summary>
    public static readonly ModelPricing Pricing = new("openai", "priced-model", new Dictionary<string, ModelPrice>
    {
        ["priced-model"] = new() { InputPerMillion = 1m, OutputPerMillion = 2m },
    });

    /// <summary>Counts a word as a token and a message as its words plus three, so the counts a decision stores can be checked by eye.</summary>
    public static readonly ITokenCounter Tokens = new WordCounter();

    public static ConversationBriefed Briefed(Guid? id = null, string brief = "Write the parser.", TaskExecutionMode mode = TaskExecutionMode.Interactive) =>
        new(id ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "Parser", brief, mode, ["A parser"], Now);

    public static Conversations.Conversation State(params object[] events) => ConversationEvolution.Apply(null, events)!;

    public static MessagePosted Posted(Guid conversationId, string content) =>
        new(conversationId, Guid.NewGuid(), "person", content, content.Length / 4, Now);

    public static ReplyGenerated Replied(Guid conversationId, string content, MessageStatus status = MessageStatus.Complete) =>
        new(conversationId, Guid.NewGuid(), content, status, "m", 10, content.Length / 4, 5, "v1", null, null, Now);

    public static InputRequested Asked(ConversationBriefed briefed, string question) =>
        new(briefed.ConversationId, briefed.TaskId, briefed.PlanId, question, Guid.NewGuid(), Now);

    private sealed class WordCounter : ITokenCounter
    {
        public string Encoding => "words";

        public int Count(string text) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;

        public int Count(IReadOnlyList<ModelMessage> messages) => messages.Sum(m => Count(m.Content) + 3);
    }
}
