using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.AddingTask;

public sealed record AddTaskRequest(Guid? ParentId, string? Title, string? Objective, TaskMode? Mode, IReadOnlyList<Guid>? DependsOn, IReadOnlyList<string>? ExpectedOutputs);

public sealed record AddTask(Guid ParentId, string Title, string? Objective, TaskMode? Mode, IReadOnlyList<Guid> DependsOn, IReadOnlyList<string> ExpectedOutputs, Guid TaskId, Guid ConversationId, DateTimeOffset Now)
{
    public TaskOrigin Origin { get; init; } = TaskOrigin.Manual;
}

public static class AddTaskDecision
{
    /// <summary>
    /// A child task under a pending parent, or under a running one of a running plan (the plan grows while it runs: the parent
    /// stops running itself and waits for its subtasks); its brief is written from the parent's context when none is given.
    /// </summary>
    public static Decision Decide(Plan plan, AddTask command)
    {
        if (plan.Status is PlanStatus.Completed or PlanStatus.Cancelled)
        {
            return Decision.Conflict($"The plan is {ApiJson.Word(plan.Status)}: no task can be added.");
        }

        if (plan.Find(command.ParentId) is not { } parent)
        {
            return Decision.NotFound($"Task {command.ParentId} is not in plan {plan.Id}.");
        }

        var grows = plan.Status == PlanStatus.Running && parent.IsRunning;
        if (parent.Status != TaskStatus.Pending && !grows)
        {
            return Decision.Conflict($"Task '{parent.Title}' is {ApiJson.Word(parent.Status)}: subtasks can only be added to a pending task, or to a running task of a running plan.");
        }

        if ((TreeRules.CheckTitle(command.Title) ?? TreeRules.CheckObjective(command.Objective) ?? TreeRules.CheckExpectedOutputs(command.ExpectedOutputs)) is { } invalid)
        {
            return Decision.Invalid(invalid);
        }

        var dependencies = command.DependsOn.Distinct().ToList();
        if (TreeRules.CheckDependencies(plan, command.TaskId, dependencies, command.ParentId, command.Title.Trim()) is { } cycle)
        {
            return Decision.Invalid(cycle);
        }

        var title = command.Title.Trim();
        var objective = string.IsNullOrWhiteSpace(command.Objective) ? BriefFromParent(title, parent) : command.Objective.Trim();
        var order = plan.ChildrenOf(parent.Id).Count();
        var added = new TaskAdded(plan.Id, command.TaskId, parent.Id, title, objective, command.Mode ?? parent.Mode,
            dependencies, command.ExpectedOutputs.Select(o => o.Trim()).ToList(), order, command.ConversationId, command.Origin, command.Now);
        return grows ? Decision.Accept(added, new TaskWaitingForSubtasks(plan.Id, parent.Id, command.Now)) : Decision.Accept(added);
    }

    /// <summary>A consolidated brief for a child, from its title and its parent's objective: one turn, all the context.</summary>
    public static string BriefFromParent(string title, PlanTask parent) =>
        $"{title}\n\nThis task is one part of \"{parent.Title}\". The whole of that work is:\n{parent.Objective}\n\nDo only this part; other parts are handled separately.";
}

public static class AddTaskEndpoint
{
    public static RouteGroupBuilder MapAddTask(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/tasks", async Task<Results<Created<TaskView>, ProblemHttpResult>> (
            Guid planId, AddTaskRequest body, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var taskId = Guid.CreateVersion7();
            var write = await writer.WriteAsync(planId, request, plan => body.ParentId is not { } parentId
                ? Decision.Invalid("'parentId' is required: the task the new one goes under.")
                : AddTaskDecision.Decide(plan, new AddTask(parentId, body.Title ?? "", body.Objective, body.Mode, body.DependsOn ?? [], body.ExpectedOutputs ?? [], taskId, Guid.CreateVersion7(), writer.Now)), ct);
            return write.Respond(plan => TypedResults.Created($"/api/plans/{planId}/tasks/{taskId}", TaskView.From(plan, plan.Find(taskId)!)));
        })
        .WithName("AddTask")
        .WithSummary("Adds a child task; its conversation starts from a brief written from the parent's context.");
        return plans;
    }
}
