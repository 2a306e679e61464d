using System.Text;
using Orchestrator.Contracts.Planning;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.Context;

/// <summary>Which template a turn uses: a chat with a person, or an autonomous turn for the Executor.</summary>
public enum TurnKind
{
    Chat,
    Execute,
}

/// <summary>Older messages chosen for a recap, and the context size that called for it.</summary>
public sealed record RecapPlan(IReadOnlyList<ConversationMessage> ToSummarise, Guid ThroughMessageId, int TokensBefore);

/// <summary>
/// What a conversation sends to the model, built only from its own state: the task's system prompt
/// (its template, holding the consolidated brief, the declared inputs and the expected outputs), the
/// recap of older turns if any, and this conversation's own messages after the recap. Nothing from any
/// other conversation can get in: a parent sees its children's results only as declared inputs.
/// </summary>
public static class ModelContext
{
    /// <summary>Recent messages a recap never summarises, so the model keeps the immediate thread verbatim.</summary>
    public const int KeepRecentMessages = 4;

    /// <summary>Phrase the recap's system prompt contains (the simulator recognises recap requests by it).</summary>
    public const string RecapInstruction =
        "You write a consolidated recap of the earlier turns of one task's conversation. The recap replaces those turns in the " +
        "model's context, so keep every fact, decision, constraint, figure and open question from them, and drop chit-chat.";

    public static IReadOnlyDictionary<string, object?> TemplateArguments(Conversation conversation) => new Dictionary<string, object?>
    {
        ["title"] = conversation.Title,
        ["brief"] = conversation.Brief,
        ["objective"] = conversation.Brief,
        ["inputs"] = FormatInputs(conversation.Inputs),
        ["expectedOutputs"] = FormatList(conversation.ExpectedOutputs),
    };

    public static IReadOnlyList<ModelMessage> Messages(Conversation conversation, string systemPrompt)
    {
        var messages = new List<ModelMessage> { new(ModelRole.System, systemPrompt) };
        if (conversation.Recap is { } recap)
        {
            messages.Add(new ModelMessage(ModelRole.System, $"Recap of the earlier conversation (it replaces those messages):\n{recap.Summary}"));
        }

        foreach (var message in AfterRecap(conversation))
        {
            // A failed reply is a provider's fragment, not something the model said; a stopped one was seen by the person and stays.
            if (message.Status == MessageStatus.Failed || message.Content.Length == 0)
            {
                continue;
            }

            messages.Add(new ModelMessage(message.Role == MessageRole.Assistant ? ModelRole.Assistant : ModelRole.User, message.Content));
        }

        if (messages[^1].Role != ModelRole.User)
        {
            messages.Add(new ModelMessage(ModelRole.User, conversation.Messages.Count == 0
                ? $"Carry out the task “{conversation.Title}” as the brief describes."
                : "Continue with the task."));
        }

        return messages;
    }

    /// <summary>The tokens a context may use before older turns are recapped: three quarters of the window, the rest left for the reply.</summary>
    public static int Budget(int contextWindow) => contextWindow * 3 / 4;

    /// <summary>The older messages to summarise when <paramref name="context"/> exceeds the budget, or null when it fits or nothing can be summarised.</summary>
    public static RecapPlan? PlanRecap(Conversation conversation, IReadOnlyList<ModelMessage> context, ITokenCounter tokens, int contextWindow)
    {
        var total = tokens.Count(context);
        if (total <= Budget(contextWindow))
        {
            return null;
        }

        var candidates = AfterRecap(conversation).ToList();
        if (candidates.Count <= KeepRecentMessages)
        {
            return null;
        }

        var toSummarise = candidates.Take(candidates.Count - KeepRecentMessages).ToList();
        return new RecapPlan(toSummarise, toSummarise[^1].Id, total);
    }

    /// <summary>The transcript a recap summarises: the previous recap, then the chosen messages.</summary>
    public static string Transcript(Conversation conversation, RecapPlan plan)
    {
        var transcript = new StringBuilder();
        if (conversation.Recap is { } previous)
        {
            transcript.Append("Earlier recap: ").AppendLine(previous.Summary);
        }

        foreach (var message in plan.ToSummarise.Where(m => m.Status != MessageStatus.Failed && m.Content.Length > 0))
        {
            transcript.Append(message.Role == MessageRole.Assistant ? "assistant: " : "user: ").AppendLine(message.Content);
        }

        return transcript.ToString();
    }

    public static string FormatInputs(IReadOnlyList<TaskInput> inputs)
    {
        if (inputs.Count == 0)
        {
            return "(none)";
        }

        return string.Join("\n\n", inputs.Select(i => $"## {i.Title} ({Describe(i.Source)})\n{i.Content}"));
    }

    private static string FormatList(IReadOnlyList<string> items) =>
        items.Count == 0 ? "(as the brief says)" : string.Join('\n', items.Select(i => $"- {i}"));

    private static string Describe(TaskInputSource source) => source switch
    {
        TaskInputSource.Dependency => "result of a task this one depends on",
        TaskInputSource.Child => "result of a subtask",
        TaskInputSource.Parent => "passed down by the parent task",
        _ => "input",
    };

    private static IEnumerable<ConversationMessage> AfterRecap(Conversation conversation)
    {
        if (conversation.Recap is not { } recap)
        {
            return conversation.Messages;
        }

        var index = conversation.Messages.FindIndex(m => m.Id == recap.ThroughMessageId);
        return index < 0 ? conversation.Messages : conversation.Messages.Skip(index + 1);
    }
}
