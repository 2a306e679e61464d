using Orchestrator.ModelAccess;
namespace Orchestrator.Planner.Plans.Decomposing;

public sealed record ProposeDecomposition(Guid TaskId, Proposal Proposal, string PromptVersionId, int Attempts, Func<Guid> NewId, DateTimeOffset Now)
{
    /// <summary>The gallery patterns the proposal was based on.</summary>
    public IReadOnlyList<Patterns.PatternRef> Patterns { get; init; } = [];

    /// <summary>What the model calls that produced it used and cost, every attempt counted.</summary>
    public CallCost Cost { get; init; } = CallCost.None;
}

public static class DecompositionDecision
{
    /// <summary>Why <paramref name="taskId"/> cannot be decomposed now, or null. Checked before calling the model and again after.</summary>
    public static DecisionProblem? CheckCanDecompose(Plan plan, Guid taskId)
    {
        if (plan.Status is PlanStatus.Completed or PlanStatus.Cancelled or PlanStatus.Failed)
        {
            return Decision.Conflict($"The plan is {ApiJson.Word(plan.Status)}: nothing can be decomposed.").Problem;
        }

        if (plan.Find(taskId) is not { } task)
        {
            return Decision.NotFound($"Task {taskId} is not in plan {plan.Id}.").Problem;
        }

        if (task.Status != TaskStatus.Pending)
        {
            return Decision.Conflict($"'{task.Title}' is {ApiJson.Word(task.Status)}: only a pending task can be decomposed.").Problem;
        }

        if (plan.SubtreeOf(taskId).Skip(1).FirstOrDefault(t => !t.Proposed || t.Status != TaskStatus.Pending) is { } kept)
        {
            return Decision.Conflict($"'{task.Title}' already has subtasks the plan kept ('{kept.Title}'): delete them first, or decompose a subtask.").Problem;
        }

        return null;
    }

    /// <summary>
    /// Replaces any earlier, unapproved proposal under the task with the new one: the proposal's
    /// subtasks become tasks (parents before children, dependencies by key mapped to ids).
    /// </summary>
    public static Decision Decide(Plan plan, ProposeDecomposition command)
    {
        if (CheckCanDecompose(plan, command.TaskId) is { } problem)
        {
            return new Decision([], problem);
        }

        var events = new List<object>();
        foreach (var child in plan.ChildrenOf(command.TaskId).ToList())
        {
            events.Add(new SubtreeDeleted(plan.Id, child.Id, plan.SubtreeOf(child.Id).Select(t => t.Id).ToList(), command.Now));
        }

        var proposal = command.Proposal;
        events.Add(new DecompositionProposed(plan.Id, command.TaskId, proposal.Action, proposal.Reason, command.PromptVersionId, proposal.All.Count(), command.Attempts, command.Now, proposal.Repairs, command.Patterns.Count == 0 ? null : command.Patterns));

        if (command.Cost.Calls > 0)
        {
            events.Add(new TaskCallsCosted(plan.Id, command.TaskId, ModelPurposes.Decompose, command.Cost.Tokens, command.Cost.Usd, command.Now));
        }

        var ids = proposal.All.ToDictionary(t => t.Key, _ => command.NewId());
        void Add(IReadOnlyList<ProposedTask> level, Guid parentId)
        {
            for (var i = 0; i < level.Count; i++)
            {
                var t = level[i];
                events.Add(new TaskAdded(plan.Id, ids[t.Key], parentId, t.Title, t.Objective, t.Mode,
                    t.DependsOn.Select(d => ids[d]).ToList(), t.ExpectedOutputs, i, command.NewId(), TaskOrigin.Decomposition, command.Now));
                Add(t.Subtasks, ids[t.Key]);
            }
        }

        Add(proposal.Subtasks, command.TaskId);

        var after = PlanWriter.Fold(plan, events);
        foreach (var added in events.OfType<TaskAdded>())
        {
            if (TreeRules.CheckDependencies(after, added.TaskId, added.DependsOn.ToList()) is { } invalid)
            {
                return Decision.Invalid($"The proposed dependencies do not fit the tree: {invalid}");
            }
        }

        return Decision.Accept([.. events]);
    }
}
