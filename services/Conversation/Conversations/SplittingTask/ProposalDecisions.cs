using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.SplittingTask;

/// <summary>Accepting or dismissing a proposal to split the task into child chats.</summary>
public static class ProposalDecisions
{
    public static readonly IReadOnlyList<string> Modes = ["interactive", "autonomous", "hybrid"];

    /// <summary>
    /// The subtasks to create for an open proposal: the person's edited version when given, else the model's; or why not.
    /// The shape of the tree (titles, briefs, dependencies, the parent's state) is the Planner's to check, as for any tree edit.
    /// </summary>
    public static (IReadOnlyList<ProposedSubtask>? Subtasks, DecisionProblem? Problem) ToCreate(Conversation? state, Guid proposalId, IReadOnlyList<ProposedSubtask>? edited)
    {
        if (Open(state, proposalId) is { Problem: { } problem })
        {
            return (null, problem);
        }

        var subtasks = edited ?? state!.FindProposal(proposalId)!.Subtasks;
        if (subtasks.Count == 0)
        {
            return (null, Decision.Invalid("'subtasks' is empty: keep at least one child chat, or dismiss the proposal.").Problem);
        }

        var normalised = new List<ProposedSubtask>();
        for (var i = 0; i < subtasks.Count; i++)
        {
            var subtask = subtasks[i];
            if (subtask is null)
            {
                return (null, Decision.Invalid($"Subtask {i + 1} is empty.").Problem);
            }

            var mode = (subtask.Mode ?? "").Trim().ToLowerInvariant();
            if (!Modes.Contains(mode))
            {
                return (null, Decision.Invalid($"Subtask {i + 1} has mode '{subtask.Mode}': use one of {string.Join(", ", Modes)}.").Problem);
            }

            normalised.Add(subtask with
            {
                Key = string.IsNullOrWhiteSpace(subtask.Key) ? $"{i + 1}" : subtask.Key.Trim(),
                Title = subtask.Title ?? "",
                Objective = subtask.Objective ?? "",
                Mode = mode,
                DependsOn = subtask.DependsOn ?? [],
                ExpectedOutputs = subtask.ExpectedOutputs ?? [],
            });
        }

        return (normalised, null);
    }

    /// <summary>Records that the child chats exist in the plan as <paramref name="taskIds"/>.</summary>
    public static Decision Accept(Conversation? state, Guid proposalId, IReadOnlyList<ProposedSubtask> subtasks, IReadOnlyList<Guid> taskIds, DateTimeOffset now) =>
        Open(state, proposalId) is { Problem: not null } refused
            ? refused
            : Decision.Accept(new ProposalAccepted(state!.Id, proposalId, state.PlanId, state.TaskId, subtasks, taskIds, now));

    public static Decision Dismiss(Conversation? state, Guid proposalId, DateTimeOffset now) =>
        Open(state, proposalId) is { Problem: not null } refused ? refused : Decision.Accept(new ProposalDismissed(state!.Id, proposalId, now));

    private static Decision Open(Conversation? state, Guid proposalId)
    {
        if (state is null)
        {
            return Decision.NotFound("The conversation does not exist.");
        }

        if (state.FindProposal(proposalId) is not { } proposal)
        {
            return Decision.NotFound($"Conversation {state.Id} has no proposal {proposalId}.");
        }

        return proposal.Status == ProposalStatus.Open
            ? Decision.Accept()
            : Decision.Conflict($"The proposal was {ApiJson.Word(proposal.Status)} already.");
    }
}
