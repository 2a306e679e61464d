using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.ModelSimulator.Completions;

namespace Orchestrator.ModelSimulator.Replies;

/// <summary>
/// Answers a chat message that asks to split the task ("split this into parts", "break this down", the chat's
/// "Split into child chats" button) with a <c>propose_subtasks</c> call: research (autonomous), design (interactive)
/// after it, then the work itself (hybrid) after the design, each with a brief built from the task's own brief.
/// </summary>
public static partial class SplitProposalComposer
{
    public const string ProposeSubtasks = "propose_subtasks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>True when the tool is offered and the person's last message asks for a split.</summary>
    public static bool Applies(ChatRequest request) => request.Offers(ProposeSubtasks) && AsksToSplit(request.LastUserMessage);

    public static bool AsksToSplit(string message) => SplitPhrase().IsMatch(message);

    public static SimulatedReply Compose(ChatRequest request, ulong seed)
    {
        var brief = Between(request.SystemPrompt, "<brief>", "</brief>")?.Trim() is { Length: > 0 } b ? b : request.LastUserMessage;
        var firstLine = brief.Split('\n', 2)[0];
        var topic = Words.Quote(firstLine.Split([':', '.'], 2)[0].Trim() is { Length: > 0 } head ? head : firstLine, 60);
        var reason = $"“{topic}” mixes finding out, deciding and doing; separate chats keep each one short and focused.";
        object Subtask(string key, string title, string mode, string[] dependsOn, string output, string focus) => new
        {
            key,
            title,
            objective = $"{title}.\n\nThis is one part of the task “{topic}”, whose whole brief is:\n{brief}\n\n{focus}",
            mode,
            dependsOn,
            expectedOutputs = new[] { output },
        };

        var subtasks = new[]
        {
            Subtask("research", Words.Quote($"Research: {topic}", 80), "autonomous", [], "Research notes",
                "Collect the facts, constraints and options this work depends on; decide nothing yet."),
            Subtask("design", Words.Quote($"Design: {topic}", 80), "interactive", ["research"], "Design decisions",
                "Settle the design with the person from the research notes: lay out the options and record what is chosen."),
            Subtask("build", Words.Quote($"Build: {topic}", 80), "hybrid", ["design"], "The finished work",
                "Do the work as the design says; ask the person only when the design leaves a real choice open."),
        };
        var text = $"(Simulated reply from orchestrator-simulator.) I propose splitting this into {subtasks.Length} child chats: research, design, then the work itself.";
        var arguments = JsonSerializer.Serialize(new { reason, subtasks }, Json);
        return new SimulatedReply(text, [new SimulatedToolCall($"call_{seed % 1_000_000_000:D9}", ProposeSubtasks, arguments)]);
    }

    private static string? Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, from < 0 ? 0 : from, StringComparison.Ordinal);
        return from >= 0 && to > from ? text[(from + start.Length)..to] : null;
    }

    [GeneratedRegex(@"\bsplit\b|\bbreak (this|it|that|the task)? ?(down|up)\b|\binto (parts|pieces|subtasks|child chats)\b|\bchild chats\b|\bsubtasks\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SplitPhrase();
}
