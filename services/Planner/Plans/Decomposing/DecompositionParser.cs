using System.Text.Json;

namespace Orchestrator.Planner.Plans.Decomposing;

/// <summary>One proposed subtask, with its own proposed subtasks.</summary>
public sealed record ProposedTask(string Key, string Title, string Objective, TaskMode Mode, IReadOnlyList<string> DependsOn, IReadOnlyList<string> ExpectedOutputs, IReadOnlyList<ProposedTask> Subtasks);

/// <summary>The model's answer: execute directly, or these subtasks. <see cref="Repairs"/> lists what was fixed on the way in.</summary>
public sealed record Proposal(string Action, string Reason, IReadOnlyList<ProposedTask> Subtasks, IReadOnlyList<string> Repairs)
{
    public IEnumerable<ProposedTask> All => Flatten(Subtasks);

    private static IEnumerable<ProposedTask> Flatten(IEnumerable<ProposedTask> tasks) => tasks.SelectMany(t => Flatten(t.Subtasks).Prepend(t));
}

/// <summary>Either a proposal or the reason the reply cannot be used.</summary>
public sealed record ParseResult(Proposal? Proposal, string? Error);

/// <summary>
/// Reads a decomposition reply against the <c>plan_decomposition</c> schema. Small defects are repaired
/// (a code fence around the JSON, over-long titles, nesting deeper than allowed, duplicate dependencies);
/// anything that would change the plan's meaning is rejected with a reason the model can act on.
/// </summary>
public static class DecompositionParser
{
    public const int MaxSubtasksPerLevel = 12;

    public static ParseResult Parse(string reply, int allowedNesting)
    {
        var repairs = new List<string>();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(StripFence(reply, repairs));
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Fail($"The reply is not valid JSON ({ex.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("The reply must be one JSON object with action, reason and subtasks.");
        }

        var action = Text(root, "action");
        if (action is not ("execute" or "split"))
        {
            return Fail($"'action' must be \"execute\" or \"split\", not {(action is null ? "missing" : $"\"{action}\"")}.");
        }

        var reason = Text(root, "reason") ?? "";
        if (action == "execute")
        {
            return new ParseResult(new Proposal(action, reason, [], repairs), null);
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var error = ReadLevel(root, "subtasks", 1, allowedNesting, keys, repairs, out var subtasks);
        if (error is not null)
        {
            return Fail(error);
        }

        if (subtasks.Count == 0)
        {
            return Fail("'action' is \"split\" but 'subtasks' is empty: give at least one subtask, or answer \"execute\".");
        }

        var proposal = new Proposal(action, reason, subtasks, repairs);
        foreach (var task in proposal.All)
        {
            if (task.DependsOn.FirstOrDefault(d => !keys.Contains(d)) is { } unknown)
            {
                return Fail($"Subtask '{task.Key}' depends on '{unknown}', which is not the key of any subtask.");
            }

            if (task.DependsOn.Contains(task.Key))
            {
                return Fail($"Subtask '{task.Key}' depends on itself.");
            }
        }

        var ids = proposal.All.ToDictionary(t => t.Key, _ => Guid.NewGuid());
        var edges = proposal.All.ToDictionary(t => ids[t.Key], t => (IReadOnlyCollection<Guid>)t.DependsOn.Select(d => ids[d]).ToList());
        if (TreeRules.FindCycle(edges) is { } cycle)
        {
            var names = ids.ToDictionary(x => x.Value, x => x.Key);
            return Fail($"The dependencies form a cycle: {string.Join(" → ", cycle.Select(id => names[id]))}.");
        }

        return new ParseResult(proposal, null);
    }

    private static string? ReadLevel(JsonElement owner, string property, int level, int allowedNesting, HashSet<string> keys, List<string> repairs, out List<ProposedTask> tasks)
    {
        tasks = [];
        if (!owner.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return $"'{property}' must be an array.";
        }

        if (array.GetArrayLength() > MaxSubtasksPerLevel)
        {
            return $"A task may have at most {MaxSubtasksPerLevel} subtasks; this one has {array.GetArrayLength()}. Group them.";
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return "Every subtask must be a JSON object.";
            }

            var key = Text(item, "key")?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                return "Every subtask needs a non-empty 'key'.";
            }

            if (!keys.Add(key))
            {
                return $"The key '{key}' is used twice; keys must be unique.";
            }

            var title = Text(item, "title")?.Trim();
            if (string.IsNullOrEmpty(title))
            {
                return $"Subtask '{key}' has no 'title'.";
            }

            if (title.Length > TreeRules.MaxTitleLength)
            {
                title = title[..(TreeRules.MaxTitleLength - 1)] + "…";
                repairs.Add($"Shortened the title of '{key}'.");
            }

            var objective = Text(item, "objective")?.Trim();
            if (string.IsNullOrEmpty(objective))
            {
                return $"Subtask '{key}' has no 'objective': write its complete, self-contained brief.";
            }

            var modeText = Text(item, "mode");
            if (!Enum.TryParse<TaskMode>(modeText, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(modeText, out _))
            {
                return $"Subtask '{key}' has mode {(modeText is null ? "missing" : $"\"{modeText}\"")}; use \"autonomous\", \"interactive\" or \"hybrid\".";
            }

            var dependsOn = Strings(item, "dependsOn");
            if (dependsOn.Count != dependsOn.Distinct().Count())
            {
                dependsOn = [.. dependsOn.Distinct()];
                repairs.Add($"Removed repeated dependencies of '{key}'.");
            }

            var error = ReadLevel(item, "subtasks", level + 1, allowedNesting, keys, repairs, out var children);
            if (error is not null)
            {
                return error;
            }

            if (children.Count > 0 && level >= allowedNesting)
            {
                repairs.Add($"Dropped the subtasks of '{key}': deeper than the allowed depth; its objective stands for them.");
                foreach (var dropped in children.SelectMany(c => new Proposal("split", "", [c], []).All))
                {
                    keys.Remove(dropped.Key);
                }

                children = [];
            }

            tasks.Add(new ProposedTask(key, title, objective, mode, dependsOn, Strings(item, "expectedOutputs"), children));
        }

        return null;
    }

    private static string StripFence(string reply, List<string> repairs)
    {
        var text = reply.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        repairs.Add("Removed a code fence around the JSON.");
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
        return firstLineEnd >= 0 && lastFence > firstLineEnd ? text[(firstLineEnd + 1)..lastFence].Trim() : text.Trim('`');
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(s => s.Length > 0).ToList()
            : [];

    private static ParseResult Fail(string error) => new(null, error);
}
