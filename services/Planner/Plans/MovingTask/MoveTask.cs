using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.MovingTask;

public sealed record MoveTaskRequest(Guid? ParentId, int? Index);

public sealed record MoveTask(Guid TaskId, Guid ParentId, int? Index, DateTimeOffset Now);

public static class MoveTaskDecision
{
    /// <summary>Moves a task (with its subtree) under another pending parent or to another place among its siblings.</summary>
    public static Decision Decide(Plan plan, MoveTask command)
    {
        if (plan.Find(command.TaskId) is not { } task)
        {
            return Decision.NotFound($"Task {command.TaskId} is not in plan {plan.Id}.");
        }

        if (plan.Find(command.ParentId) is not { } parent)
        {
            return Decision.NotFound($"Task {command.ParentId} is not in plan {plan.Id}.");
        }

        if (task.ParentId is null)
        {
            return Decision.Invalid("The root task cannot move.");
        }

        if (task.Id == parent.Id || plan.IsAncestorOf(task.Id, parent.Id))
        {
            return Decision.Invalid($"'{task.Title}' cannot move under '{parent.Title}': that is inside its own subtree.");
        }

        if (plan.SubtreeOf(task.Id).FirstOrDefault(t => t.Status is not (TaskStatus.Pending or TaskStatus.Completed or TaskStatus.Cancelled)) is { } busy)
        {
            return Decision.Conflict($"'{busy.Title}' is {ApiJson.Word(busy.Status)}: a subtree cannot move while it runs.");
        }

        if (parent.Id != task.ParentId && parent.Status != TaskStatus.Pending)
        {
            return Decision.Conflict($"'{parent.Title}' is {ApiJson.Word(parent.Status)}: tasks can only move under a pending task.");
        }

        var siblings = plan.ChildrenOf(parent.Id).Where(t => t.Id != task.Id).Count();
        var index = command.Index ?? siblings;
        if (index < 0 || index > siblings)
        {
            return Decision.Invalid($"'index' must be between 0 and {siblings}.");
        }

        // The subtree's own dependencies, and those on the subtree from outside, must still make sense where it lands.
        var move = new TaskChange(task.Id, parent.Id);
        var subtree = plan.SubtreeOf(task.Id).Select(t => t.Id).ToHashSet();
        foreach (var member in plan.Tasks.Where(t => subtree.Contains(t.Id) || t.DependsOn.Any(subtree.Contains)))
        {
            if (TreeRules.CheckDependencyTargets(plan, member.Id, member.DependsOn, move) is { } problem)
            {
                return Decision.Invalid($"Moving '{task.Title}' there breaks a dependency. {problem}");
            }
        }

        if (TreeRules.FindDeadlock(plan, move) is { } cycle)
        {
            return Decision.Invalid($"'{task.Title}' cannot move under '{parent.Title}'. {TreeRules.DescribeDeadlock(plan, cycle, task.Id)}");
        }

        if (parent.Id == task.ParentId && index == plan.ChildrenOf(parent.Id).ToList().FindIndex(t => t.Id == task.Id))
        {
            return Decision.Accept();
        }

        return Decision.Accept(new TaskMoved(plan.Id, task.Id, parent.Id, index, command.Now));
    }
}

public static class MoveTaskEndpoint
{
    public static RouteGroupBuilder MapMoveTask(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/tasks/{taskId:guid}/move", async Task<Results<Ok<PlanView>, ProblemHttpResult>> (
            Guid planId, Guid taskId, MoveTaskRequest body, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => body.ParentId is not { } parentId
                ? Decision.Invalid("'parentId' is required: the task to move under.")
                : MoveTaskDecision.Decide(plan, new MoveTask(taskId, parentId, body.Index, writer.Now)), ct);
            return write.Respond(plan => TypedResults.Ok(PlanView.From(plan)));
        })
        .WithName("MoveTask")
        .WithSummary("Moves a task under another parent, or to another place among its siblings.");
        return plans;
    }
}
