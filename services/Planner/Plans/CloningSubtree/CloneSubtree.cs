using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.CloningSubtree;

public sealed record CloneSubtree(Guid TaskId, Func<Guid> NewId, DateTimeOffset Now);

public static class CloneSubtreeDecision
{
    /// <summary>
    /// Copies a task and its subtree right after the original: new ids, new conversations, the same
    /// structure. Dependencies inside the subtree point at the copies; those outside are kept.
    /// </summary>
    public static Decision Decide(Plan plan, CloneSubtree command)
    {
        if (plan.Find(command.TaskId) is not { } source)
        {
            return Decision.NotFound($"Task {command.TaskId} is not in plan {plan.Id}.");
        }

        if (source.ParentId is not { } parentId)
        {
            return Decision.Invalid("The root task cannot be cloned; clone one of its subtasks.");
        }

        if (plan.Find(parentId)!.Status != TaskStatus.Pending)
        {
            return Decision.Conflict($"The parent of '{source.Title}' is {ApiJson.Word(plan.Find(parentId)!.Status)}: no task can be added under it.");
        }

        var members = plan.SubtreeOf(source.Id).ToList();
        var ids = members.ToDictionary(t => t.Id, _ => command.NewId());
        var events = members.Select(t => (object)new TaskAdded(
            plan.Id,
            ids[t.Id],
            t.Id == source.Id ? parentId : ids[t.ParentId!.Value],
            t.Id == source.Id ? $"{t.Title} (copy)" : t.Title,
            t.Objective,
            t.Mode,
            t.DependsOn.Select(d => ids.GetValueOrDefault(d, d)).ToList(),
            t.ExpectedOutputs,
            t.Id == source.Id ? t.Order + 1 : t.Order,
            command.NewId(),
            TaskOrigin.Clone,
            command.Now)).ToList();
        return Decision.Accept([.. events]);
    }
}

public static class CloneSubtreeEndpoint
{
    public static RouteGroupBuilder MapCloneSubtree(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/tasks/{taskId:guid}/clone", async Task<Results<Created<TaskView>, ProblemHttpResult>> (
            Guid planId, Guid taskId, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => CloneSubtreeDecision.Decide(plan, new CloneSubtree(taskId, Guid.CreateVersion7, writer.Now)), ct);
            return write.Respond(plan =>
            {
                var root = (TaskAdded)write.Events[0];
                return TypedResults.Created($"/api/plans/{planId}/tasks/{root.TaskId}", TaskView.From(plan, plan.Find(root.TaskId)!));
            });
        })
        .WithName("CloneSubtree")
        .WithSummary("Copies a task and its subtree with new ids and new conversations.");
        return plans;
    }
}
