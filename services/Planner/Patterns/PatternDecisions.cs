using Orchestrator.Planner.Plans;

namespace Orchestrator.Planner.Patterns;

/// <summary>A pattern named on a plan: the proven plan its decomposition was based on.</summary>
public sealed record PatternRef(Guid Id, string Title);

/// <summary>The gallery's decisions: pure functions of a pattern's state and what is asked.</summary>
public static class PatternDecisions
{
    /// <summary>The pattern a plan is saved as: one per plan, so saving twice finds the first.</summary>
    public static Guid IdFor(Guid planId) => DeterministicGuid.From($"pattern/{planId:N}");

    /// <summary>The plan's tree below its root: what the gallery keeps (the root's children become the top level).</summary>
    public static IReadOnlyList<PatternTask> TreeOf(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var root = plan.Root.Id;
        var kept = plan.SubtreeOf(root).Skip(1).ToList();
        var ids = kept.Select(t => t.Id).ToHashSet();
        return kept.Select(t => new PatternTask(t.Id, t.ParentId == root ? null : t.ParentId, t.Title, t.Objective, t.Mode,
            [.. t.DependsOn.Where(ids.Contains)], [.. t.ExpectedOutputs], t.Order)).ToList();
    }

    /// <summary>
    /// Saves <paramref name="plan"/> as a pattern. The person may save any plan that has a tree; a plan is saved by itself
    /// (<see cref="PatternOrigin.Proven"/>) only when it succeeded by <see cref="PlanSuccess"/>.
    /// </summary>
    public static Decision Save(Pattern? state, Plan plan, PatternOrigin origin, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (state is { Removed: false })
        {
            return Decision.Conflict($"Plan {plan.Id} is already in the gallery as pattern {state.Id}.", "Already in the gallery");
        }

        if (origin == PatternOrigin.Proven && !PlanSuccess.Of(plan))
        {
            return Decision.Conflict($"Plan {plan.Id} did not succeed: only a plan completed with every task succeeding on its first run goes into the gallery by itself.");
        }

        var tree = TreeOf(plan);
        if (tree.Count == 0)
        {
            return Decision.Conflict($"Plan {plan.Id} has no tasks below its request: decompose it first, so the gallery has a tree to offer.");
        }

        return Decision.Accept(new PatternSaved(IdFor(plan.Id), plan.Id, plan.Title, plan.Request, tree, origin, now));
    }

    public static Decision Remove(Pattern? state, Guid patternId, DateTimeOffset now) =>
        state is null or { Removed: true }
            ? Decision.NotFound($"Pattern {patternId} is not in the gallery.")
            : Decision.Accept(new PatternRemoved(state.Id, now));

    /// <summary>Counts a plan based on the pattern once; a pattern removed meanwhile counts nothing.</summary>
    public static Decision Use(Pattern? state, Guid planId, DateTimeOffset now) =>
        state is null or { Removed: true } || state.UsedBy.Contains(planId)
            ? Decision.Unchanged
            : Decision.Accept(new PatternUsed(state.Id, planId, now));

    /// <summary>Records how a plan based on the pattern turned out; the same verdict again changes nothing.</summary>
    public static Decision RecordOutcome(Pattern? state, Guid planId, bool success, DateTimeOffset now) =>
        state is null || (state.Outcomes.TryGetValue(planId, out var known) && known == success)
            ? Decision.Unchanged
            : Decision.Accept(new PatternOutcomeRecorded(state.Id, planId, success, now));
}
