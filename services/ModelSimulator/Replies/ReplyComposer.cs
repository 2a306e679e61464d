using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.ModelSimulator.Completions;

namespace Orchestrator.ModelSimulator.Replies;

/// <summary>
/// Decides the simulator's answer to a request, deterministically from its content: a plan for the
/// planner's decomposition request, child chats through <c>propose_subtasks</c> when a chat asks to split,
/// a question through <c>request_human_input</c> on the first turn
/// that offers it, a recap when asked for one, otherwise a short reply that quotes what was asked
/// (with a <c>propose_completion</c> call when that tool is offered), ending with a fenced code block when the brief or
/// the message asks for a snippet.
/// </summary>
public static partial class ReplyComposer
{
    public const string RequestHumanInput = "request_human_input";
    public const string ProposeCompletion = "propose_completion";

    /// <summary>Phrase a recap request's system prompt contains.</summary>
    public const string RecapMarker = "consolidated recap";

    private static readonly string[] Openings =
    [
        "Here is a focused answer.",
        "Working only from the brief and the declared inputs.",
        "Taking this one step at a time.",
        "A short, direct reply follows.",
    ];

    private static readonly string[] Bodies =
    [
        "The approach is to settle the interfaces first, then fill in the behaviour behind them, then check it against the expected outputs.",
        "The work splits into preparing the inputs, producing the result, and verifying it against what the brief asks for.",
        "The simplest design that meets the brief is preferred; anything beyond it is listed as a follow-up rather than done silently.",
        "Each expected output is produced in turn and checked before moving on, so a failure shows up early.",
    ];

    private static readonly string[] Closings =
    [
        "That covers what was asked.",
        "Nothing else is needed for this step.",
        "The result is ready for review.",
        "This completes the requested work for now.",
    ];

    public static SimulatedReply Compose(ChatRequest request)
    {
        var seed = Seed.Of([.. request.Messages.SelectMany(m => new[] { m.Role, m.Content })]);
        if (request.IsDecomposition)
        {
            return new SimulatedReply(PlanComposer.ComposeJson(request.LastUserMessage, request.SystemPrompt), []);
        }

        if (request.WantsJson)
        {
            return new SimulatedReply(JsonSerializer.Serialize(new { answer = Words.Quote(request.LastUserMessage, 80), simulated = true }), []);
        }

        if (SplitProposalComposer.Applies(request))
        {
            return SplitProposalComposer.Compose(request, seed);
        }

        if (request.Offers(RequestHumanInput) && !request.HasAssistantMessage)
        {
            var question = $"Before I start on “{Words.Quote(Subject(request), 60)}”: should I take the simplest approach that meets the brief, or a more complete one?";
            return new SimulatedReply("", [Call(RequestHumanInput, new { question }, seed)]);
        }

        if (request.SystemPrompt.Contains(RecapMarker, StringComparison.OrdinalIgnoreCase))
        {
            return new SimulatedReply(Recap(request), []);
        }

        var asked = Words.Quote(request.LastUserMessage.Length > 0 ? request.LastUserMessage : Subject(request), 80);
        var text = $"(Simulated reply from orchestrator-simulator.) You asked: “{asked}”. {Pick(Openings, seed)} {Pick(Bodies, seed >> 8)} {Pick(Closings, seed >> 16)}";
        if (SnippetAsked().IsMatch(request.SystemPrompt) || SnippetAsked().IsMatch(request.LastUserMessage))
        {
            text += Snippet(Subject(request));
        }

        if (request.Offers(ProposeCompletion))
        {
            var summary = $"Completed: {Words.Quote(Subject(request), 60)}";
            return new SimulatedReply(text + "\nI propose marking this task complete.", [Call(ProposeCompletion, new { summary }, seed)]);
        }

        return new SimulatedReply(text, []);
    }

    /// <summary>What the conversation is about: the last user message, or the brief in the system prompt.</summary>
    private static string Subject(ChatRequest request) =>
        request.LastUserMessage.Length > 0 ? request.LastUserMessage : request.SystemPrompt;

    private static string Recap(ChatRequest request)
    {
        var points = request.Messages
            .Where(m => m.Role is "user" or "assistant")
            .Select(m => Between(m.Content, "<transcript>", "</transcript>") ?? m.Content)
            .SelectMany(text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Take(12)
            .Select(line => $"- {Words.Quote(line, 60)}");
        return "Recap of the earlier conversation (simulated):\n" + string.Join('\n', points);
    }

    private static string? Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.LastIndexOf(end, StringComparison.Ordinal);
        return from >= 0 && to > from ? text[(from + start.Length)..to] : null;
    }

    private static SimulatedToolCall Call(string name, object arguments, ulong seed) =>
        new($"call_{seed % 1_000_000_000:D9}", name, JsonSerializer.Serialize(arguments));

    /// <summary>A small markdown section with a named python block, so the reply has an artifact to open and edit.</summary>
    private static string Snippet(string subject)
    {
        var about = Words.Quote(subject.ReplaceLineEndings(" "), 60).Replace("\\", "", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        return $"\n\n## Snippet\n\n```python title=\"snippet.py\"\ndef answer() -> str:\n    return \"{about}\"\n```\n";
    }

    [GeneratedRegex(@"\bsnippets?\b", RegexOptions.IgnoreCase)]
    private static partial Regex SnippetAsked();

    private static string Pick(string[] options, ulong seed) => options[(int)(seed % (ulong)options.Length)];
}
