using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Orchestrator.Planner.Plans;

namespace Orchestrator.Planner.Patterns;

/// <summary>Worked examples for the decomposition prompt, and the patterns they came from.</summary>
public sealed record PatternExampleSet(string Text, IReadOnlyList<PatternRef> Used)
{
    public static PatternExampleSet None { get; } = new("", []);
}

/// <summary>
/// Writes proven patterns as worked examples of the decomposition prompt: each one's request and its tree as an answer in the
/// prompt's own schema, best match first, as many as fit the token budget (at most <see cref="MaxExamples"/>).
/// </summary>
public static partial class PatternExamples
{
    public const int MaxExamples = 3;

    /// <summary>The longest objective an example keeps: an example shows the shape of a plan, not all its detail.</summary>
    public const int MaxObjectiveLength = 400;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// The examples from <paramref name="ranked"/> (best first) that fit in <paramref name="tokenBudget"/> tokens, counted as a
    /// quarter of the characters. A pattern too big for what is left is skipped for a smaller one after it.
    /// </summary>
    public static PatternExampleSet Render(IReadOnlyList<Pattern> ranked, int tokenBudget, Guid? adapt = null)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var text = new StringBuilder();
        var used = new List<PatternRef>();
        foreach (var pattern in ranked)
        {
            if (used.Count == MaxExamples)
            {
                break;
            }

            var example = Example(pattern, used.Count + 1, pattern.Id == adapt);
            if (EstimateTokens(text.Length + example.Length) > tokenBudget)
            {
                continue;
            }

            text.Append(example);
            used.Add(new PatternRef(pattern.Id, pattern.Title));
        }

        return used.Count == 0 ? PatternExampleSet.None : new PatternExampleSet(text.ToString().TrimEnd(), used);
    }

    public static int EstimateTokens(int characters) => (characters + 3) / 4;

    /// <summary>One example: the pattern's request and its tree as a <c>plan_decomposition</c> answer.</summary>
    public static string Example(Pattern pattern, int number, bool adapt)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var record = pattern.SuccessRate is { } rate
            ? string.Create(CultureInfo.InvariantCulture, $"used {pattern.Uses} times, {rate:P0} of the plans based on it succeeded")
            : "saved from a plan that succeeded";
        var heading = adapt
            ? $"Example {number}: the proven plan the person chose to start from ({record}). Adapt it to the new request."
            : $"Example {number}: a proven plan for a similar request ({record}).";
        return $"""
            {heading}
            <example-request>
            {pattern.Request.Trim()}
            </example-request>
            <example-answer>
            {AnswerOf(pattern)}
            </example-answer>


            """;
    }

    /// <summary>The pattern's tree as the answer the decomposition prompt asks for; keys from titles, dependencies by key.</summary>
    public static string AnswerOf(Pattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var keys = Keys(pattern.Tasks);
        ExampleTask Node(PatternTask t) => new(
            keys[t.Id],
            t.Title,
            t.Objective.Length <= MaxObjectiveLength ? t.Objective : string.Concat(t.Objective.AsSpan(0, MaxObjectiveLength - 1), "…"),
            ApiJson.Word(t.Mode),
            [.. t.DependsOn.Where(keys.ContainsKey).Select(d => keys[d])],
            t.ExpectedOutputs,
            [.. pattern.Tasks.Where(c => c.ParentId == t.Id).OrderBy(c => c.Order).Select(Node)]);

        var top = pattern.Tasks.Where(t => t.ParentId is null).OrderBy(t => t.Order).Select(Node).ToList();
        return JsonSerializer.Serialize(new ExampleAnswer("split", "A proven plan from the gallery.", top), Json);
    }

    /// <summary>Unique kebab-case keys from the tasks' titles.</summary>
    private static Dictionary<Guid, string> Keys(IEnumerable<PatternTask> tasks)
    {
        var keys = new Dictionary<Guid, string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            var words = NonWord().Split(task.Title.ToLowerInvariant()).Where(w => w.Length > 0).Take(5);
            var key = string.Join('-', words) is { Length: > 0 } k ? k : "task";
            var unique = key;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = $"{key}-{n}";
            }

            keys[task.Id] = unique;
        }

        return keys;
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    private sealed record ExampleAnswer(string Action, string Reason, IReadOnlyList<ExampleTask> Subtasks);

    private sealed record ExampleTask(string Key, string Title, string Objective, string Mode, IReadOnlyList<string> DependsOn, IReadOnlyList<string> ExpectedOutputs, IReadOnlyList<ExampleTask> Subtasks);
}
