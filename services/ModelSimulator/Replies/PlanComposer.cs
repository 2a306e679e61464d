using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.ModelSimulator.Replies;

public sealed record PlannedTask(
    string Key, string Title, string Objective, string Mode, IReadOnlyList<string> DependsOn, IReadOnlyList<string> ExpectedOutputs, IReadOnlyList<PlannedTask> Subtasks);

public sealed record PlanDecomposition(string Action, string Reason, IReadOnlyList<PlannedTask> Subtasks);

/// <summary>
/// Answers the planner's <c>plan_decomposition</c> request with a plan built from the request's own
/// words: 3–6 subtasks of mixed modes (research/tests/boilerplate autonomous, design decisions
/// interactive, core logic and debugging hybrid), real dependencies, and sometimes one nested level.
/// A tiny request, or a prompt whose depth says stop (<c>Depth: 2/2</c>), is executed as is.
/// </summary>
public static partial class PlanComposer
{
    public const int MinimumWordsToSplit = 6;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ComposeJson(string userMessage, string systemPrompt) => JsonSerializer.Serialize(Compose(userMessage, systemPrompt), Json);

    public static PlanDecomposition Compose(string userMessage, string systemPrompt)
    {
        var request = RequestTag().IsMatch(userMessage) || !RequestTag().IsMatch(systemPrompt) ? RequestText(userMessage) : RequestText(systemPrompt);
        if (DepthExhausted(userMessage) || DepthExhausted(systemPrompt))
        {
            return new PlanDecomposition("execute", "The maximum depth is reached; this task runs as one unit.", []);
        }

        if (Words.Count(request) < MinimumWordsToSplit)
        {
            return new PlanDecomposition("execute", $"“{Words.Quote(request, 60)}” is small enough to do in one focused conversation.", []);
        }

        var words = Words.Of(request);
        var seed = Seed.Of(request);
        var topic = words.Count == 0 ? "the request" : string.Join(' ', words.Take(3));
        string Focus(int i) => words.Count == 0 ? "the core" : words[i % words.Count];
        var quoted = Words.Quote(request, 120);
        var nest = words.Count >= 8 && (seed >> 8) % 2 == 0;

        var implement = new PlannedTask(
            "t3", $"Implement {topic}",
            $"Implement {topic} as agreed in the design decisions, for this request: “{quoted}”. Ask the person when a decision is missing instead of guessing.",
            "hybrid", ["t2"], [$"Working {topic}", "A short note on what changed"],
            nest
                ?
                [
                    new PlannedTask("t3.1", $"Scaffold {Focus(3)} boilerplate",
                        $"Create the boilerplate {Focus(3)} needs (project layout, types, wiring) so the logic can be added without further setup.",
                        "autonomous", [], [$"{Focus(3)} scaffolding"], []),
                    new PlannedTask("t3.2", $"Implement {Focus(4)} logic",
                        $"Implement the {Focus(4)} logic on top of the scaffolding, covering the cases in the design decisions.",
                        "hybrid", ["t3.1"], [$"{Focus(4)} logic"], []),
                ]
                : []);

        List<PlannedTask> core =
        [
            new("t1", $"Research {topic}",
                $"Research how {topic} is usually done for this request: “{quoted}”. List the options, constraints and risks, and recommend one with reasons.",
                "autonomous", [], ["Options with trade-offs", "A recommendation"], []),
            new("t2", $"Decide the design of {Focus(1)}",
                $"Decide with the person the design of {Focus(1)} for {topic}: data model, interfaces, and which option from the research to take.",
                "interactive", ["t1"], ["Design decisions"], []),
            implement,
        ];
        List<PlannedTask> optional =
        [
            new("t4", $"Write tests for {topic}",
                $"Write automated tests for {topic} that cover the expected behaviour and the edge cases named in the design decisions.",
                "autonomous", ["t3"], ["Passing tests"], []),
            new("t6", $"Document {topic}",
                $"Write the user-facing documentation of {topic}: what it does, how to use it, its limits.",
                "autonomous", ["t3"], ["Documentation"], []),
            new("t5", $"Debug and harden {Focus(2)}",
                $"Run {topic} against the tests, debug what fails, and harden {Focus(2)} against bad input and failures.",
                "hybrid", ["t4"], ["Fixed defects", "A list of remaining risks"], []),
        ];
        var count = 3 + (int)(seed % 4);
        var reason = $"“{Words.Quote(request, 60)}” spans research, design decisions and implementation; each part gets one focused brief.";
        return new PlanDecomposition("split", reason, [.. core, .. optional.Take(count - 3)]);
    }

    /// <summary>The request itself when the message marks it (<c>&lt;request&gt;…&lt;/request&gt;</c> or <c>Request: …</c>), otherwise the whole message.</summary>
    private static string RequestText(string message)
    {
        var tagged = RequestTag().Match(message);
        if (tagged.Success)
        {
            return tagged.Groups[1].Value.Trim();
        }

        var match = RequestLine().Match(message);
        return match.Success ? match.Groups[1].Value.Trim() : message.Trim();
    }

    private static bool DepthExhausted(string text)
    {
        var match = DepthPattern().Match(text);
        return match.Success && int.Parse(match.Groups[1].Value) >= int.Parse(match.Groups[2].Value);
    }

    [GeneratedRegex(@"^\s*(?:request|task|objective)\s*:\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"<request>(.*?)</request>", RegexOptions.Singleline)]
    private static partial Regex RequestTag();

    [GeneratedRegex(@"depth\s*[:=]?\s*(\d+)\s*(?:/|of)\s*(?:at\s+most\s+)?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex DepthPattern();
}
