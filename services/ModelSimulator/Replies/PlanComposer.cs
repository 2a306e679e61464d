using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.ModelSimulator.Replies;

public sealed record PlannedTask(
    string Key, string Title, string Objective, string Mode, IReadOnlyList<string> DependsOn, IReadOnlyList<string> ExpectedOutputs, IReadOnlyList<PlannedTask> Subtasks);

public sealed record PlanDecomposition(string Action, string Reason, IReadOnlyList<PlannedTask> Subtasks);

/// <summary>
/// Answers the planner's <c>plan_decomposition</c> request the way the product document splits its own examples
/// ("Add authentication to my app"): research (autonomous), then the design decided with the person (interactive),
/// then the implementation (hybrid), then its tests (autonomous), each waiting for the one before; sometimes
/// documentation and hardening too, and sometimes one nested level under the implementation. Only a really small
/// request (<see cref="RequestSize"/>), or a prompt whose depth says stop (<c>Depth: 2/2</c>), is executed as is.
/// </summary>
public static partial class PlanComposer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ComposeJson(string userMessage, string systemPrompt) => JsonSerializer.Serialize(Compose(userMessage, systemPrompt), Json);

    public static PlanDecomposition Compose(string userMessage, string systemPrompt)
    {
        var request = RequestTag().IsMatch(userMessage) || !RequestTag().IsMatch(systemPrompt) ? RequestText(userMessage) : RequestText(systemPrompt);
        if (DepthExhausted(userMessage) || DepthExhausted(systemPrompt))
        {
            return new PlanDecomposition("execute", "The maximum depth is reached; this task runs as one unit.", []);
        }

        if (PatternToAdapt(userMessage) is { } pattern)
        {
            return Adapt(pattern, request);
        }

        if (RequestSize.IsSmall(request))
        {
            return new PlanDecomposition("execute", $"I'll do “{Words.Quote(request, 60)}” directly as one task: it is a single small change for one focused conversation.", []);
        }

        var words = Words.Of(request);
        var seed = Seed.Of(request);
        var topic = Subject(request) ?? (words.Count == 0 ? "the request" : string.Join(' ', words.Take(3)));
        string Focus(int i) => words.Count == 0 ? "the core" : words[i % words.Count];
        var quoted = Words.Quote(request, 120);
        var nest = words.Count >= 8 && (seed >> 8) % 2 == 0;

        var implement = new PlannedTask(
            "implement", $"Implement {topic}",
            $"Implement {topic} as agreed in the design decisions, for this request: “{quoted}”. Ask the person when a decision is missing instead of guessing.",
            "hybrid", ["design"], [$"Working {topic}", "A short note on what changed"],
            nest
                ?
                [
                    new PlannedTask("scaffold", $"Scaffold {Focus(3)} boilerplate",
                        $"Create the boilerplate {Focus(3)} needs (project layout, types, wiring) so the logic can be added without further setup.",
                        "autonomous", [], [$"{Focus(3)} scaffolding"], []),
                    new PlannedTask("logic", $"Implement {Focus(4)} logic",
                        $"Implement the {Focus(4)} logic on top of the scaffolding, covering the cases in the design decisions.",
                        "hybrid", ["scaffold"], [$"{Focus(4)} logic"], []),
                ]
                : []);

        List<PlannedTask> core =
        [
            new("research", $"Research {topic} options",
                $"Research how {topic} is usually done for this request: “{quoted}”. List the options, constraints and risks, and recommend one with reasons.",
                "autonomous", [], ["Options with trade-offs", "A recommendation"], []),
            new("design", $"Design {topic}",
                $"Decide with the person the design of {topic}: the flow, the data model, the interfaces, and which option from the research to take.",
                "interactive", ["research"], ["Design decisions"], []),
            implement,
            new("tests", $"Write tests for {topic}",
                $"Write automated tests for {topic} that cover the expected behaviour and the edge cases named in the design decisions.",
                "autonomous", ["implement"], ["Passing tests"], []),
        ];
        List<PlannedTask> optional =
        [
            new("docs", $"Document {topic}",
                $"Write the user-facing documentation of {topic}: what it does, how to use it, its limits.",
                "autonomous", ["implement"], ["Documentation"], []),
            new("harden", $"Debug and harden {Focus(2)}",
                $"Run {topic} against the tests, debug what fails, and harden {Focus(2)} against bad input and failures.",
                "hybrid", ["tests"], ["Fixed defects", "A list of remaining risks"], []),
        ];
        var extra = (int)(seed % 3);
        var reason = $"“{Words.Quote(request, 60)}” spans research, design decisions, implementation and tests; each part gets one focused brief.";
        return new PlanDecomposition("split", reason, [.. core, .. optional.Take(extra)]);
    }

    /// <summary>The proven plan the planner asks to adapt (the person started from a gallery pattern), or null.</summary>
    private static PlanDecomposition? PatternToAdapt(string userMessage)
    {
        if (!userMessage.Contains("adapt it to the request", StringComparison.OrdinalIgnoreCase) || ExampleAnswer().Match(userMessage) is not { Success: true } answer)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PlanDecomposition>(answer.Groups[1].Value, Json) is { Subtasks.Count: > 0 } plan ? plan : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The pattern's tree kept as it is, each objective pointed at the new request: what a model adapting it does at the least.</summary>
    private static PlanDecomposition Adapt(PlanDecomposition pattern, string request)
    {
        var quoted = Words.Quote(request, 120);
        PlannedTask Retarget(PlannedTask t) => t with
        {
            Objective = $"{t.Objective} Do it for this request: “{quoted}”.",
            Subtasks = [.. (t.Subtasks ?? []).Select(Retarget)],
            DependsOn = t.DependsOn ?? [],
            ExpectedOutputs = t.ExpectedOutputs ?? [],
        };

        return new PlanDecomposition("split", $"Adapted the proven plan from the gallery to “{Words.Quote(request, 60)}”: the same steps, each aimed at this request.",
            [.. pattern.Subtasks.Select(Retarget)]);
    }

    /// <summary>
    /// What the request is about, as its own words say it: the object of its leading verb up to the first
    /// preposition ("Add a shopping cart to my shop" → "shopping cart"), or null when there is none.
    /// </summary>
    private static string? Subject(string request)
    {
        var match = SubjectPattern().Match(request);
        if (!match.Success)
        {
            return null;
        }

        var subject = match.Groups["subject"].Value.Trim();
        return subject.Length == 0 || Words.Count(subject) > 5 ? null : subject;
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

    [GeneratedRegex(@"^\s*(?:please\s+)?(?:add|build|create|implement|make|develop|design|set\s+up|migrate|integrate|introduce|support|write|run|review|plan)\s+(?:(?:a|an|the|my|our|your|some|me|us)\s+)*(?<subject>.+?)(?=\s+(?:to|for|in|into|on|with|from|of|at|by|as|so|that|which|and|using)\b|[,.;:!?(]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^\s*(?:request|task|objective)\s*:\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"<example-answer>(.*?)</example-answer>", RegexOptions.Singleline)]
    private static partial Regex ExampleAnswer();

    [GeneratedRegex(@"<request>(.*?)</request>", RegexOptions.Singleline)]
    private static partial Regex RequestTag();

    [GeneratedRegex(@"depth\s*[:=]?\s*(\d+)\s*(?:/|of)\s*(?:at\s+most\s+)?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex DepthPattern();
}
