using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.DeletingSubtree;

public sealed record DeleteSubtree(Guid TaskId, DateTimeOffset Now);

public static class DeleteSubtreeDecision
{
    /// <summary>Removes a task and everything below it, unless part of it is running.</summary>
    public static Decision Decide(Plan plan, DeleteSubtree command)
    {
        if (plan.Find(command.TaskId) is not { } task)
        {
            return Decision.NotFound($"Task {command.TaskId} is not in plan {plan.Id}.");
        }

        if (task.ParentId is null)
        {
            return Decision.Invalid("The root task cannot be deleted; cancel the plan instead.");
        }

        var members = plan.SubtreeOf(task.Id).ToList();
        if (members.FirstOrDefault(t => t.Status is TaskStatus.Ready or TaskStatus.Active or TaskStatus.AwaitingInput) is { } busy)
        {
            return Decision.Conflict($"'{busy.Title}' is {ApiJson.Word(busy.Status)}: cancel it before deleting its subtree.");
        }

        return Decision.Accept(new SubtreeDeleted(plan.Id, task.Id, members.Select(t => t.Id).ToList(), command.Now));
    }
}

public static class DeleteSubtreeEndpoint
{
    public static RouteGroupBuilder MapDeleteSubtree(this RouteGroupBuilder plans)
    {
        plans.MapDelete("/{planId:guid}/tasks/{taskId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid planId, Guid taskId, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => DeleteSubtreeDecision.Decide(plan, new DeleteSubtree(taskId, writer.Now)), ct);
            return write.Respond(_ => TypedResults.NoContent());
        })
        .WithName("DeleteSubtree")
        .WithSummary("Removes a task and its subtree.");
        return plans;
    }
}
