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

    private static readonly Dictionary<string, TaskMode> Synonyms = new (TaskMode Mode, string[] Words)[]
    {
        (TaskMode.Autonomous, ["auto", "automatic", "automated", "ai"]),
        (TaskMode.Interactive, ["manual", "human", "user", "person"]),
        (TaskMode.Hybrid, ["mixed", "semi", "semi-auto", "semi-automatic"]),
    }.SelectMany(m => m.Words.Select(word => (Word: word, m.Mode))).ToDictionary(x => x.Word, x => x.Mode, StringComparer.Ordinal);

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
