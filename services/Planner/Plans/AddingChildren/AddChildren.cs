using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Planner.Plans.AddingTask;

namespace Orchestrator.Planner.Plans.AddingChildren;

/// <summary>One child in a batch: <see cref="DependsOn"/> names sibling keys of the same batch.</summary>
public sealed record ChildRequest(string? Key, string? Title, string? Objective, TaskMode? Mode, IReadOnlyList<string>? DependsOn, IReadOnlyList<string>? ExpectedOutputs);

/// <summary><see cref="ProposalId"/>, when given, makes the request idempotent: a repeat returns the children the first one created.</summary>
public sealed record AddChildrenRequest(Guid? ProposalId, IReadOnlyList<ChildRequest>? Subtasks);

public sealed record AddChildren(Guid ParentId, IReadOnlyList<ChildRequest> Subtasks, Func<string, Guid> TaskIdFor, Func<string, Guid> ConversationIdFor, DateTimeOffset Now);

public sealed record ChildrenView(Guid PlanId, Guid ParentId, long Version, IReadOnlyList<TaskView> Tasks);

public static class AddChildrenDecision
{
    public const int MaxChildren = 20;

    /// <summary>
    /// Several children at once, all or none, each checked as <see cref="AddTaskDecision"/> checks one added in the tree;
    /// dependencies among them go by key, so a batch is added in dependency order. A batch whose children already exist
    /// under the parent (the same ids) was accepted before, and adds nothing.
    /// </summary>
    public static Decision Decide(Plan plan, AddChildren command)
    {
        if (command.Subtasks.Count == 0)
        {
            return Decision.Invalid("'subtasks' is empty: give at least one subtask.");
        }

        if (command.Subtasks.Count > MaxChildren)
        {
            return Decision.Invalid($"'subtasks' has {command.Subtasks.Count} entries; the limit is {MaxChildren}.");
        }

        var keyed = command.Subtasks.Select((s, i) => (Key: string.IsNullOrWhiteSpace(s.Key) ? $"{i + 1}" : s.Key.Trim(), Subtask: s)).ToList();
        if (keyed.GroupBy(k => k.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            return Decision.Invalid($"Two subtasks have the key '{duplicate.Key}': give each a different key.");
        }

        var keys = keyed.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, subtask) in keyed)
        {
            if ((subtask.DependsOn ?? []).FirstOrDefault(d => !keys.Contains(d.Trim())) is { } unknown)
            {
                return Decision.Invalid($"Subtask '{key}' depends on '{unknown}', which is not one of the subtasks' keys.");
            }
        }

        var edges = keyed.ToDictionary(k => KeyId(k.Key), k => (IReadOnlyCollection<Guid>)(k.Subtask.DependsOn ?? []).Select(d => KeyId(d.Trim())).ToList());
        if (TreeRules.FindCycle(edges) is { } cycle)
        {
            var names = keyed.ToDictionary(k => KeyId(k.Key), k => k.Key);
            return Decision.Invalid($"The subtasks wait for one another in a cycle: {string.Join(" → ", cycle.Select(c => names[c]))}.");
        }

        var existing = keyed.Select(k => plan.Find(command.TaskIdFor(k.Key))).ToList();
        if (existing.All(t => t?.ParentId == command.ParentId))
        {
            return Decision.Accept();
        }

        if (existing.Any(t => t is not null))
        {
            return Decision.Conflict("Some of these subtasks exist already, under another task: reload the plan.");
        }

        var state = plan;
        var events = new List<object>();
        foreach (var (key, subtask) in InDependencyOrder(keyed))
        {
            var decision = AddTaskDecision.Decide(state, new AddTask(
                command.ParentId, subtask.Title ?? "", subtask.Objective, subtask.Mode, (subtask.DependsOn ?? []).Select(d => command.TaskIdFor(d.Trim())).ToList(),
                subtask.ExpectedOutputs ?? [], command.TaskIdFor(key), command.ConversationIdFor(key), command.Now) { Origin = TaskOrigin.Conversation });
            if (decision.Problem is { } problem)
            {
                return new Decision([], problem with { Detail = $"Subtask '{key}': {problem.Detail}" });
            }

            events.AddRange(decision.Events);
            state = PlanWriter.Fold(state, decision.Events);
        }

        return new Decision(events, null);
    }

    /// <summary>The id of a task created from <paramref name="key"/> of proposal <paramref name="proposalId"/>: the same on every repeat.</summary>
    public static Guid IdFor(Guid proposalId, string kind, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{proposalId:N}/{kind}/{key}")).AsSpan(0, 16));

    private static Guid KeyId(string key) => IdFor(Guid.Empty, "key", key);

    private static IEnumerable<(string Key, ChildRequest Subtask)> InDependencyOrder(List<(string Key, ChildRequest Subtask)> keyed)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var left = keyed.ToList();
        while (left.Count > 0)
        {
            var next = left.First(k => (k.Subtask.DependsOn ?? []).All(d => placed.Contains(d.Trim())));
            placed.Add(next.Key);
            left.Remove(next);
            yield return next;
        }
    }
}

public static class AddChildrenEndpoint
{
    public static RouteGroupBuilder MapAddChildren(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/tasks/{taskId:guid}/children", async Task<Results<Created<ChildrenView>, ProblemHttpResult>> (
            Guid planId, Guid taskId, AddChildrenRequest body, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var proposal = body.ProposalId ?? Guid.CreateVersion7();
            var subtasks = body.Subtasks ?? [];
            var command = new AddChildren(taskId, subtasks, key => AddChildrenDecision.IdFor(proposal, "task", key),
                key => AddChildrenDecision.IdFor(proposal, "conversation", key), writer.Now);
            var write = await writer.WriteAsync(planId, request, plan => AddChildrenDecision.Decide(plan, command), ct);
            return write.Respond(plan =>
            {
                var tasks = subtasks.Select((s, i) => plan.Find(command.TaskIdFor(string.IsNullOrWhiteSpace(s.Key) ? $"{i + 1}" : s.Key.Trim()))!)
                    .Select(t => TaskView.From(plan, t)).ToList();
                return TypedResults.Created($"/api/plans/{planId}/tasks/{taskId}", new ChildrenView(planId, taskId, plan.Version, tasks));
            });
        })
        .WithName("AddChildren")
        .WithSummary("Adds several subtasks under a task at once (all or none); dependencies among them go by key. With a proposalId, a repeat adds nothing.");
        return plans;
    }
}
