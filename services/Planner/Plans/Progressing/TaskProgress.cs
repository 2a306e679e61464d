using Orchestrator.Planner.Plans.Artifacts;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>What the Executor reported about a task, as a command on the plan.</summary>
public abstract record TaskProgress(Guid TaskId, DateTimeOffset Now)
{
    public sealed record Started(Guid TaskId, int Attempt, bool WaitingForPerson, DateTimeOffset Now) : TaskProgress(TaskId, Now);

    public sealed record InputRequested(Guid TaskId, string Question, DateTimeOffset Now) : TaskProgress(TaskId, Now);

    public sealed record Resumed(Guid TaskId, DateTimeOffset Now) : TaskProgress(TaskId, Now);

    public sealed record Completed(Guid TaskId, string Summary, string Result, DateTimeOffset Now, long Tokens = 0, decimal CostUsd = 0m) : TaskProgress(TaskId, Now);

    public sealed record Failed(Guid TaskId, string Reason, DateTimeOffset Now, long Tokens = 0, decimal CostUsd = 0m) : TaskProgress(TaskId, Now);

    public sealed record RetryRequested(Guid TaskId, DateTimeOffset Now) : TaskProgress(TaskId, Now);

    public sealed record Cancelled(Guid TaskId, string Reason, DateTimeOffset Now) : TaskProgress(TaskId, Now);
}

public static class TaskProgressDecision
{
    /// <summary>
    /// Applies a report to the task. Reports are idempotent and order-tolerant: a completion or a failure that
    /// overtook its start records the start first; one that no longer fits the task's state (a late start after
    /// completion, anything after cancellation) changes nothing.
    /// </summary>
    public static Decision Decide(Plan plan, TaskProgress progress)
    {
        if (plan.Find(progress.TaskId) is not { } task)
        {
            return progress is TaskProgress.RetryRequested
                ? Decision.NotFound($"Task {progress.TaskId} is not in plan {plan.Id}.")
                : Decision.Accept();
        }

        if (plan.Status == PlanStatus.Cancelled)
        {
            return progress is TaskProgress.RetryRequested ? Decision.Conflict("The plan was cancelled.") : Decision.Accept();
        }

        if (task.Status == TaskStatus.Cancelled && progress is not TaskProgress.RetryRequested)
        {
            return Decision.Accept();
        }

        // A task that handed its work to subtasks while it ran (TaskWaitingForSubtasks) completes from them: a late
        // report of its own run, which the Executor was told to stop, changes nothing.
        if (task.Status == TaskStatus.Pending && plan.HasChildren(task.Id) && progress is not (TaskProgress.RetryRequested or TaskProgress.Cancelled))
        {
            return Decision.Accept();
        }

        return progress switch
        {
            TaskProgress.Started p when task.Status == TaskStatus.Ready =>
                Decision.Accept(new TaskStarted(plan.Id, task.Id, p.Attempt, p.WaitingForPerson, p.Now)),
            TaskProgress.InputRequested p when task.Status is TaskStatus.Ready or TaskStatus.Active =>
                Decision.Accept(new TaskAwaitingInput(plan.Id, task.Id, p.Question, p.Now)),
            TaskProgress.Resumed p when task.Status == TaskStatus.AwaitingInput =>
                Decision.Accept(new TaskResumed(plan.Id, task.Id, p.Now)),
            // Started and completed travel on separate queues, so a completion can overtake its start: the task did
            // start, and its history says so before it says it completed (the late start then changes nothing).
            TaskProgress.Completed p when task.Status == TaskStatus.Ready =>
                Decision.Accept([new TaskStarted(plan.Id, task.Id, task.Attempts, false, p.Now), .. Completion(plan, task, p)]),
            TaskProgress.Completed p when task.Status is TaskStatus.Active or TaskStatus.AwaitingInput =>
                Decision.Accept(Completion(plan, task, p)),
            // The Executor fails only an attempt that started (a turn that failed, a timeout), so a failure that overtook its start
            // records the start first, as a completion does.
            TaskProgress.Failed p when task.Status == TaskStatus.Ready =>
                Decision.Accept([new TaskStarted(plan.Id, task.Id, task.Attempts, false, p.Now), .. Failure(plan, task, p)]),
            TaskProgress.Failed p when task.Status is TaskStatus.Active or TaskStatus.AwaitingInput or TaskStatus.Pending =>
                Decision.Accept(Failure(plan, task, p)),
            TaskProgress.Cancelled p when task.Status is not TaskStatus.Completed =>
                Decision.Accept(Cancellation(plan, task, p)),
            TaskProgress.RetryRequested p when task.Status is TaskStatus.Failed or TaskStatus.Cancelled =>
                Decision.Accept(new TaskRetried(plan.Id, task.Id, p.Now)),
            TaskProgress.RetryRequested => Decision.Conflict($"'{task.Title}' is {ApiJson.Word(task.Status)}: only a failed or cancelled task can be retried."),
            _ => Decision.Accept(),
        };
    }

    /// <summary>The result, and the artifacts found in it.</summary>
    private static object[] Completion(Plan plan, PlanTask task, TaskProgress.Completed completed)
    {
        var completion = new TaskCompleted(plan.Id, task.Id, completed.Summary, completed.Result, completed.Now, completed.Tokens, completed.CostUsd);
        return [completion, ArtifactExtraction.Record(completion)];
    }

    /// <summary>A task the person stopped blocks what depends on it: its parent needs attention, as for a failure.</summary>
    private static object[] Cancellation(Plan plan, PlanTask task, TaskProgress.Cancelled cancelled)
    {
        var cancellation = new TaskCancelled(plan.Id, task.Id, cancelled.Reason, cancelled.Now);
        return task.ParentId is { } parentId
            ? [cancellation, new TaskNeedsAttention(plan.Id, parentId, task.Id, $"Subtask '{task.Title}' was cancelled: {cancelled.Reason}", cancelled.Now)]
            : [cancellation];
    }

    private static object[] Failure(Plan plan, PlanTask task, TaskProgress.Failed failed)
    {
        var failure = new TaskFailed(plan.Id, task.Id, failed.Reason, failed.Now, failed.Tokens, failed.CostUsd);
        return task.ParentId is { } parentId
            ? [failure, new TaskNeedsAttention(plan.Id, parentId, task.Id, $"Subtask '{task.Title}' failed: {failed.Reason}", failed.Now)]
            : [failure];
    }
}
