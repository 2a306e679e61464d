using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.Comparing;

public sealed record FieldChange(string Field, string? Before, string? After);

public sealed record TaskChange(Guid TaskId, string Title, IReadOnlyList<FieldChange> Changes);

/// <summary>What changed in a plan between two versions.</summary>
public sealed record PlanDiffView(
    Guid PlanId,
    long From,
    long To,
    IReadOnlyList<FieldChange> Plan,
    IReadOnlyList<TaskView> Added,
    IReadOnlyList<TaskView> Removed,
    IReadOnlyList<TaskChange> Changed);

public static class PlanDiff
{
    /// <summary>The differences from <paramref name="before"/> to <paramref name="after"/>, task by task and field by field.</summary>
    public static PlanDiffView Compare(Plan before, Plan after)
    {
        var beforeTasks = before.Tasks.ToDictionary(t => t.Id);
        var afterTasks = after.Tasks.ToDictionary(t => t.Id);
        var changed = new List<TaskChange>();
        foreach (var (id, now) in afterTasks)
        {
            if (beforeTasks.TryGetValue(id, out var then))
            {
                var changes = Fields(before, then, after, now);
                if (changes.Count > 0)
                {
                    changed.Add(new TaskChange(id, now.Title, changes));
                }
            }
        }

        var plan = new List<FieldChange>();
        var (beforeBusy, afterBusy) = (TaskView.BusyAncestors(before), TaskView.BusyAncestors(after));
        Compare(plan, "title", before.Title, after.Title);
        Compare(plan, "status", ApiJson.Word(before.Status), ApiJson.Word(after.Status));

        return new PlanDiffView(after.Id, before.Version, after.Version, plan,
            afterTasks.Values.Where(t => !beforeTasks.ContainsKey(t.Id)).Select(t => TaskView.From(t, afterBusy)).ToList(),
            beforeTasks.Values.Where(t => !afterTasks.ContainsKey(t.Id)).Select(t => TaskView.From(t, beforeBusy)).ToList(),
            changed);
    }

    private static List<FieldChange> Fields(Plan beforePlan, PlanTask before, Plan afterPlan, PlanTask after)
    {
        var changes = new List<FieldChange>();
        Compare(changes, "title", before.Title, after.Title);
        Compare(changes, "objective", before.Objective, after.Objective);
        Compare(changes, "mode", ApiJson.Word(before.Mode), ApiJson.Word(after.Mode));
        Compare(changes, "status", ApiJson.Word(before.Status), ApiJson.Word(after.Status));
        Compare(changes, "parent", Title(beforePlan, before.ParentId), Title(afterPlan, after.ParentId));
        Compare(changes, "order", before.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare(changes, "dependsOn", string.Join(", ", before.DependsOn.Select(d => Title(beforePlan, d))), string.Join(", ", after.DependsOn.Select(d => Title(afterPlan, d))));
        Compare(changes, "expectedOutputs", string.Join("; ", before.ExpectedOutputs), string.Join("; ", after.ExpectedOutputs));
        Compare(changes, "result", before.Result, after.Result);
        return changes;
    }

    private static void Compare(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static string? Title(Plan plan, Guid? id) => id is { } value ? plan.Find(value)?.Title ?? value.ToString() : null;
}

public static class PlanDiffEndpoint
{
    public static RouteGroupBuilder MapPlanDiff(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{planId:guid}/diff", async Task<Results<Ok<PlanDiffView>, ProblemHttpResult>> (Guid planId, long? from, long? to, IQuerySession session, CancellationToken ct) =>
        {
            var events = await session.Events.FetchStreamAsync(planId, token: ct);
            if (events.Count == 0)
            {
                return TypedResults.Problem($"Plan {planId} does not exist.", statusCode: StatusCodes.Status404NotFound);
            }

            var latest = events[^1].Version;
            var first = from ?? Math.Max(1, latest - 1);
            var last = to ?? latest;
            if (first < 1 || last > latest || first > last)
            {
                return TypedResults.Problem($"'from' and 'to' must satisfy 1 ≤ from ≤ to ≤ {latest}.", statusCode: StatusCodes.Status400BadRequest);
            }

            return TypedResults.Ok(PlanDiff.Compare(PlanHistory.At(events, first), PlanHistory.At(events, last)));
        })
        .WithName("DiffPlan")
        .WithSummary("What changed between two versions of a plan (?from=N&to=M).");
        return plans;
    }
}
