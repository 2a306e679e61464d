using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.EditingTask;

public sealed record EditTaskRequest(string? Title, string? Objective, TaskMode? Mode, IReadOnlyList<Guid>? DependsOn, IReadOnlyList<string>? ExpectedOutputs);

public sealed record EditTask(Guid TaskId, string? Title, string? Objective, TaskMode? Mode, IReadOnlyList<Guid>? DependsOn, IReadOnlyList<string>? ExpectedOutputs, DateTimeOffset Now);

public static class EditTaskDecision
{
    /// <summary>
    /// Changes the given fields. A task that has started or finished keeps its objective, mode,
    /// dependencies and expected outputs (changing them would rewrite work already done); its title may change.
    /// </summary>
    public static Decision Decide(Plan plan, EditTask command)
    {
        if (plan.Find(command.TaskId) is not { } task)
        {
            return Decision.NotFound($"Task {command.TaskId} is not in plan {plan.Id}.");
        }

        if (((command.Title is not null ? TreeRules.CheckTitle(command.Title) : null)
            ?? TreeRules.CheckObjective(command.Objective)
            ?? TreeRules.CheckExpectedOutputs(command.ExpectedOutputs)) is { } invalid)
        {
            return Decision.Invalid(invalid);
        }

        var title = command.Title?.Trim() ?? task.Title;
        var objective = command.Objective?.Trim() ?? task.Objective;
        var mode = command.Mode ?? task.Mode;
        var dependsOn = command.DependsOn?.Distinct().ToList() ?? [.. task.DependsOn];
        var outputs = command.ExpectedOutputs?.Select(o => o.Trim()).ToList() ?? [.. task.ExpectedOutputs];

        var substantive = objective != task.Objective || mode != task.Mode || !dependsOn.SequenceEqual(task.DependsOn) || !outputs.SequenceEqual(task.ExpectedOutputs);
        if (substantive && task.Status != TaskStatus.Pending)
        {
            return Decision.Conflict($"Task '{task.Title}' is {ApiJson.Word(task.Status)}: only its title can change now. Retry or clone it to change what it does.");
        }

        if (objective.Length == 0)
        {
            return Decision.Invalid("'objective' is empty: say what the task must achieve.");
        }

        if (!dependsOn.SequenceEqual(task.DependsOn) && TreeRules.CheckDependencies(plan, task.Id, dependsOn) is { } cycle)
        {
            return Decision.Invalid(cycle);
        }

        if (title == task.Title && !substantive)
        {
            return Decision.Accept();
        }

        return Decision.Accept(new TaskEdited(plan.Id, task.Id, title, objective, mode, dependsOn, outputs, command.Now, task.ConversationId, task.ParentId));
    }
}

public static class EditTaskEndpoint
{
    public static RouteGroupBuilder MapEditTask(this RouteGroupBuilder plans)
    {
        plans.MapPatch("/{planId:guid}/tasks/{taskId:guid}", async Task<Results<Ok<TaskView>, ProblemHttpResult>> (
            Guid planId, Guid taskId, EditTaskRequest body, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => EditTaskDecision.Decide(plan,
                new EditTask(taskId, body.Title, body.Objective, body.Mode, body.DependsOn, body.ExpectedOutputs, writer.Now)), ct);
            return write.Respond(plan => TypedResults.Ok(TaskView.From(plan, plan.Find(taskId)!)));
        })
        .WithName("EditTask")
        .WithSummary("Changes a task's title, objective, mode, dependencies or expected outputs.");
        return plans;
    }
}
