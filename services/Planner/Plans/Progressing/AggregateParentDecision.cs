using Orchestrator.Contracts.Planning;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>Whether a parent's aggregated result is recorded: only while the parent still waits for it.</summary>
public static class AggregateParentDecision
{
    /// <summary>
    /// Unchanged while the parent waits for its aggregated result (every subtask complete, the plan running); otherwise the refusal
    /// that says why not: it has its result already (a command delivered again), or the plan changed since it was asked for.
    /// </summary>
    public static Decision Due(Plan plan, AggregateParent command)
    {
        if (plan.Find(command.TaskId) is not { } parent)
        {
            return Decision.NotFound($"Task {command.TaskId} is not in plan {plan.Id}.");
        }

        if (parent.Status == TaskStatus.Completed)
        {
            return Decision.Conflict($"'{parent.Title}' has its aggregated result already.", "Already aggregated");
        }

        return Progression.AwaitsAggregation(plan, parent.Id)
            ? Decision.Unchanged
            : Decision.Conflict($"'{parent.Title}' no longer waits for its subtasks' combined results (it is {ApiJson.Word(parent.Status)}, or a subtask is not complete).");
    }

    /// <summary>Records <paramref name="outcome"/> (the parent's completion, or its failure) when the parent still waits for it.</summary>
    public static Decision Decide(Plan plan, AggregateParent command, IReadOnlyList<object> outcome) =>
        Due(plan, command) is { Problem: not null } refused ? refused : Decision.Accept([.. outcome]);
}
