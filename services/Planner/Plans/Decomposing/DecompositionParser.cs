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
/// Reads a decomposition reply against the <c>plan_decomposition</c> schema. Chat models answer in many shapes
/// even when given the schema: prose around the JSON, one or several code fences, the JSON inside a sentence,
/// property names in another casing, trailing commas, everyday words for the modes. Such defects are repaired,
/// each with a repair note, as are over-long titles, nesting deeper than allowed and duplicate dependencies.
/// Anything that would change the plan's meaning, or that cannot be read whole, is rejected with a reason the
/// model can act on: a proposal is either complete or not made.
/// </summary>
public static class DecompositionParser
{
    public const int MaxSubtasksPerLevel = 12;

    public static ParseResult Parse(string reply, int allowedNesting)
    {
        var (objects, fences) = JsonInReply.Find(reply);
        if (objects.Count == 0)
        {
            return Fail("The reply is not valid JSON: it holds no JSON object. Answer with one JSON object with action, reason and subtasks, and nothing else.");
        }

        var reads = objects.Where(o => o.Root is not null).Select(o => (Found: o, Result: Read(o.Root!.Value, allowedNesting))).ToList();
        var usable = reads.Where(r => r.Result.Proposal is not null).ToList();
        var distinct = usable.Select(r => JsonSerializer.Serialize(r.Found.Root)).Distinct().Count();
        if (distinct > 1)
        {
            return Fail($"The reply holds {distinct} different decompositions that each follow the schema; answer with exactly one JSON object.");
        }

        if (usable.Count > 0)
        {
            var (found, result) = usable[0];
            var proposal = result.Proposal!;
            return new ParseResult(proposal with { Repairs = [.. WhereFrom(found, fences, usable.Count), .. proposal.Repairs] }, null);
        }

        return Fail(Refusal(objects, reads));
    }

    /// <summary>What was repaired to get at the chosen object.</summary>
    private static IEnumerable<string> WhereFrom(FoundJson found, int fences, int copies)
    {
        if (found.Fence > 0)
        {
            yield return fences == 1 ? "Removed a code fence around the JSON." : $"Took the JSON from code block {found.Fence} of {fences}, the one that follows the schema.";
        }

        if (found.Surrounded)
        {
            yield return "Took the JSON out of the text around it.";
        }

        if (copies > 1)
        {
            yield return $"Read once the same JSON that the reply repeats {copies} times.";
        }

        if (found.Lenient)
        {
            yield return "Removed trailing commas or comments, which JSON does not allow.";
        }
    }

    /// <summary>
    /// Why nothing in the reply can be used: the first object that is meant as a decomposition, else the largest
    /// object's own defect (cut off, not JSON). Objects inside a larger broken one are parts of it, not answers.
    /// </summary>
    private static string Refusal(IReadOnlyList<FoundJson> objects, List<(FoundJson Found, ParseResult Result)> reads)
    {
        var outermost = objects.Where(o => !o.Nested).ToList();
        var meant = reads.FirstOrDefault(r => !r.Found.Nested && r.Found.Root!.Value.ValueKind == JsonValueKind.Object
            && (Field(r.Found.Root.Value, "action", []) is not null || Field(r.Found.Root.Value, "subtasks", []) is not null));
        if (meant.Result is { Error: { } error })
        {
            return error;
        }

        var largest = outermost.MaxBy(o => o.Length)!;
        return largest.Error ?? reads.First(r => ReferenceEquals(r.Found, largest)).Result.Error!;
    }

    /// <summary>Reads one JSON object against the schema.</summary>
    private static ParseResult Read(JsonElement root, int allowedNesting)
    {
        var repairs = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("The reply must be one JSON object with action, reason and subtasks.");
        }

        if (Field(root, "action", repairs) is null && root.EnumerateObject().ToList() is [{ Value.ValueKind: JsonValueKind.Object } wrapper]
            && Field(wrapper.Value, "action", []) is not null)
        {
            repairs.Add($"Took the decomposition out of the wrapping property '{wrapper.Name}'.");
            root = wrapper.Value;
        }

        var actionText = Text(root, "action", repairs);
        var action = actionText?.Trim().ToLowerInvariant();
        if (action is not ("execute" or "split"))
        {
            return Fail($"'action' must be \"execute\" or \"split\", not {(actionText is null ? "missing" : $"\"{actionText}\"")}.");
        }

        if (action != actionText)
        {
            repairs.Add($"Read the action \"{actionText}\" as \"{action}\".");
        }

        var reason = Text(root, "reason", repairs) ?? "";
        if (action == "execute")
        {
            if (Field(root, "subtasks", repairs) is { ValueKind: JsonValueKind.Array } ignored && ignored.GetArrayLength() > 0)
            {
                var count = ignored.GetArrayLength();
                repairs.Add($"Ignored the {count} {(count == 1 ? "subtask" : "subtasks")} given with the action \"execute\".");
            }

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
        if (Field(owner, property, repairs) is not { } array || array.ValueKind == JsonValueKind.Null)
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

            var key = Text(item, "key", repairs)?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                return "Every subtask needs a non-empty 'key'.";
            }

            if (!keys.Add(key))
            {
                return $"The key '{key}' is used twice; keys must be unique.";
            }

            var title = Text(item, "title", repairs)?.Trim();
            if (string.IsNullOrEmpty(title))
            {
                return $"Subtask '{key}' has no 'title'.";
            }

            if (title.Length > TreeRules.MaxTitleLength)
            {
                title = title[..(TreeRules.MaxTitleLength - 1)] + "…";
                repairs.Add($"Shortened the title of '{key}'.");
            }

            var objective = Text(item, "objective", repairs)?.Trim();
            if (string.IsNullOrEmpty(objective))
            {
                return $"Subtask '{key}' has no 'objective': write its complete, self-contained brief.";
            }

            var modeText = Text(item, "mode", repairs);
            if (ModeNames.Read(modeText) is not { } read)
            {
                return $"Subtask '{key}' has mode {(modeText is null ? "missing" : $"\"{modeText}\"")}; use \"autonomous\", \"interactive\" or \"hybrid\".";
            }

            var mode = read.Mode;
            if (read.Synonym)
            {
                repairs.Add($"Read the mode \"{modeText}\" of '{key}' as \"{ApiJson.Word(mode)}\".");
            }

            var dependsOn = Strings(item, "dependsOn", repairs);
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

            tasks.Add(new ProposedTask(key, title, objective, mode, dependsOn, Strings(item, "expectedOutputs", repairs), children));
        }

        return null;
    }

    /// <summary>
    /// The property <paramref name="name"/>, also under another casing or with separators (<c>DependsOn</c>,
    /// <c>depends_on</c>), which is noted once per spelling.
    /// </summary>
    private static JsonElement? Field(JsonElement element, string name, List<string> repairs)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Comparable(property.Name) == Comparable(name))
            {
                var note = $"Read the property '{property.Name}' as '{name}'.";
                if (!repairs.Contains(note))
                {
                    repairs.Add(note);
                }

                return property.Value;
            }
        }

        return null;
    }

    private static string Comparable(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private static string? Text(JsonElement element, string name, List<string> repairs) =>
        Field(element, name, repairs) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static List<string> Strings(JsonElement element, string name, List<string> repairs) =>
        Field(element, name, repairs) is { ValueKind: JsonValueKind.Array } value
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(s => s.Length > 0).ToList()
            : [];

    private static ParseResult Fail(string error) => new(null, error);
}
