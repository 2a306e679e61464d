using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Orchestrator.PromptAnalytics.Failures;

/// <summary>
/// One failed task, its reason already normalised and classified. Each failure is its own stream (id = the failure
/// message's id), so a redelivered message finds it and the groups can be rebuilt from these events alone.
/// </summary>
public sealed record TaskFailureRecorded(
    Guid FailureId,
    Guid PlanId,
    Guid TaskId,
    Guid? ConversationId,
    string Kind,
    string Reason,
    string? PromptVersionId,
    string Mode,
    DateTimeOffset At);

/// <summary>A recorded failure as a document.</summary>
public sealed record FailureRecord(Guid Id, TaskFailureRecorded Failure);

/// <summary>How a failure's one event makes its record.</summary>
public static class FailureRecordEvolution
{
    public static FailureRecord? Evolve(FailureRecord? state, object @event) => @event switch
    {
        TaskFailureRecorded e => state ?? new FailureRecord(e.FailureId, e),
        _ => state,
    };
}

/// <summary>Keeps each <see cref="FailureRecord"/>, in the same transaction as its event.</summary>
public sealed class FailureRecordProjection : SingleStreamProjection<FailureRecord, Guid>
{
    public override FailureRecord? Evolve(FailureRecord? snapshot, Guid id, IEvent e) => FailureRecordEvolution.Evolve(snapshot, e.Data);
}
