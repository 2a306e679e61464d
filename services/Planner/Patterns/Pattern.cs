using System.Collections.Immutable;
using Orchestrator.Planner.Plans;

namespace Orchestrator.Planner.Patterns;

/// <summary>One task of a proven plan's tree, as the gallery keeps it: what it was asked to do, never what it produced.</summary>
public sealed record PatternTask(
    Guid Id,
    Guid? ParentId,
    string Title,
    string Objective,
    TaskMode Mode,
    IReadOnlyList<Guid> DependsOn,
    IReadOnlyList<string> ExpectedOutputs,
    int Order);

/// <summary>How a pattern got into the gallery.</summary>
public enum PatternOrigin
{
    /// <summary>Its plan completed with every task succeeding.</summary>
    Proven,

    /// <summary>The person saved the plan as a pattern.</summary>
    Saved,
}

/// <summary>A plan's request and tree went into the gallery.</summary>
public sealed record PatternSaved(Guid PatternId, Guid SourcePlanId, string Title, string Request, IReadOnlyList<PatternTask> Tasks, PatternOrigin Origin, DateTimeOffset At);

/// <summary>A plan's decomposition was based on the pattern.</summary>
public sealed record PatternUsed(Guid PatternId, Guid PlanId, DateTimeOffset At);

/// <summary>
/// A plan based on the pattern finished: <paramref name="Success"/> as the plan-success metric counts it. A later verdict of
/// the person on the same plan records it again with the new success; it replaces the plan's earlier outcome.
/// </summary>
public sealed record PatternOutcomeRecorded(Guid PatternId, Guid PlanId, bool Success, DateTimeOffset At);

/// <summary>The person removed the pattern from the gallery.</summary>
public sealed record PatternRemoved(Guid PatternId, DateTimeOffset At);

/// <summary>A proven plan in the gallery: its request and tree, how often plans were based on it and how often those succeeded.</summary>
public sealed record Pattern(
    Guid Id,
    Guid SourcePlanId,
    string Title,
    string Request,
    ImmutableArray<PatternTask> Tasks,
    PatternOrigin Origin,
    DateTimeOffset CreatedAt,
    ImmutableArray<Guid> UsedBy,
    ImmutableDictionary<Guid, bool> Outcomes,
    bool Removed)
{
    /// <summary>What the text search matches: the request, the title and every task's title and objective.</summary>
    public string SearchText { get; init; } = "";

    public int Uses => UsedBy.Length;

    public int Successes => Outcomes.Values.Count(s => s);

    /// <summary>Successes over the finished plans based on it; null before any finished.</summary>
    public double? SuccessRate => Outcomes.Count == 0 ? null : (double)Successes / Outcomes.Count;

    public static string SearchTextOf(string title, string request, IEnumerable<PatternTask> tasks) =>
        string.Join('\n', new[] { title, request }.Concat(tasks.OrderBy(t => t.Order).Select(t => $"{t.Title}. {t.Objective}")));
}

/// <summary>How each gallery event changes a pattern; the only code that builds a <see cref="Pattern"/>.</summary>
public static class PatternEvolution
{
    public static Pattern? Evolve(Pattern? state, object @event) => @event switch
    {
        PatternSaved e => new Pattern(e.PatternId, e.SourcePlanId, e.Title, e.Request, [.. e.Tasks], e.Origin, e.At,
            state?.UsedBy ?? [], state?.Outcomes ?? ImmutableDictionary<Guid, bool>.Empty, Removed: false)
        {
            SearchText = Pattern.SearchTextOf(e.Title, e.Request, e.Tasks),
        },
        PatternUsed e when state is not null => state.UsedBy.Contains(e.PlanId) ? state : state with { UsedBy = state.UsedBy.Add(e.PlanId) },
        PatternOutcomeRecorded e when state is not null => state with { Outcomes = state.Outcomes.SetItem(e.PlanId, e.Success) },
        PatternRemoved when state is not null => state with { Removed = true },
        _ => state,
    };
}
