namespace Orchestrator.Planner.Plans.Decomposing;

/// <summary>
/// The words models use for a task's execution mode. Besides the schema's own names they write the everyday
/// ones (the product document itself says "auto"); each such word has exactly one meaning, so reading it is a
/// repair, not a guess. Any other word is refused.
/// </summary>
public static class ModeNames
{
    private static readonly Dictionary<string, TaskMode> Names = new(StringComparer.Ordinal)
    {
        ["autonomous"] = TaskMode.Autonomous,
        ["interactive"] = TaskMode.Interactive,
        ["hybrid"] = TaskMode.Hybrid,
    };

    private static readonly Dictionary<string, TaskMode> Synonyms = new(StringComparer.Ordinal)
    {
        ["auto"] = TaskMode.Autonomous,
        ["automatic"] = TaskMode.Autonomous,
        ["automated"] = TaskMode.Autonomous,
        ["ai"] = TaskMode.Autonomous,
        ["manual"] = TaskMode.Interactive,
        ["human"] = TaskMode.Interactive,
        ["user"] = TaskMode.Interactive,
        ["person"] = TaskMode.Interactive,
        ["mixed"] = TaskMode.Hybrid,
        ["semi"] = TaskMode.Hybrid,
        ["semi-auto"] = TaskMode.Hybrid,
        ["semi-automatic"] = TaskMode.Hybrid,
    };

    /// <summary>The mode <paramref name="text"/> names in any case, and whether it was a synonym; null when it names none.</summary>
    public static (TaskMode Mode, bool Synonym)? Read(string? text)
    {
        var word = text?.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        if (word is null)
        {
            return null;
        }

        if (Names.TryGetValue(word, out var mode))
        {
            return (mode, false);
        }

        return Synonyms.TryGetValue(word, out mode) ? (mode, true) : null;
    }
}
