using System.Collections.Immutable;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Orchestrator.PromptAnalytics.Failures;

/// <summary>A task that failed in a group, for a person to open its conversation.</summary>
public sealed record FailureExample(Guid PlanId, Guid TaskId, Guid? ConversationId, DateTimeOffset At);

/// <summary>Failures of one kind, under one prompt version, in one mode; <see cref="Reason"/> is the newest normalised reason.</summary>
public sealed record FailureGroup(
    string Id,
    string Kind,
    string Reason,
    long Count,
    DateTimeOffset LastSeen,
    string? PromptVersionId,
    string Mode,
    ImmutableList<FailureExample> Examples);

/// <summary>Which group a failure belongs to and how it changes that group; pure.</summary>
public static class FailureGrouping
{
    /// <summary>Newest examples kept per group: enough to see a trend over the last day and to open a few chats.</summary>
    public const int MaxExamples = 20;

    /// <summary>The group key: kind, prompt version and mode, joined by '|' (a version id holds ':').</summary>
    public static string KeyOf(TaskFailureRecorded failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return $"{failure.Kind}|{failure.PromptVersionId ?? "none"}|{failure.Mode}";
    }

    /// <summary>Adds one failure; events may arrive out of time order, so the newest reason and examples go by time, not by arrival.</summary>
    public static FailureGroup Add(FailureGroup? group, TaskFailureRecorded failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var example = new FailureExample(failure.PlanId, failure.TaskId, failure.ConversationId, failure.At);
        if (group is null)
        {
            return new FailureGroup(KeyOf(failure), failure.Kind, failure.Reason, 1, failure.At, failure.PromptVersionId, failure.Mode, [example]);
        }

        var newest = failure.At >= group.LastSeen;
        return group with
        {
            Count = group.Count + 1,
            Reason = newest ? failure.Reason : group.Reason,
            LastSeen = newest ? failure.At : group.LastSeen,
            Examples = [.. group.Examples.Add(example).OrderByDescending(e => e.At).Take(MaxExamples)],
        };
    }
}

/// <summary>Groups failures (async: the daemon applies events one page at a time, so concurrent failures never lose a count).</summary>
public sealed class FailureGroupProjection : MultiStreamProjection<FailureGroup, string>
{
    public FailureGroupProjection()
    {
        Identity<TaskFailureRecorded>(FailureGrouping.KeyOf);
    }

    public override FailureGroup? Evolve(FailureGroup? snapshot, string id, IEvent e) => e.Data switch
    {
        TaskFailureRecorded f => FailureGrouping.Add(snapshot, f),
        _ => snapshot,
    };
}
