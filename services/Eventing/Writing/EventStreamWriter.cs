using JasperFx;
using Marten;

namespace Orchestrator.Eventing;

/// <summary>What a write did: the state after it and the events appended, or the problem that refused it (nothing appended then).</summary>
public sealed record Written<TState>(TState? State, IReadOnlyList<object> Events, DecisionProblem? Problem) where TState : class;

/// <summary>
/// The one write path of every service: load → decide → append at the version decided on → save → a concurrent writer
/// becomes a <see cref="Refusal.Conflict"/>. HTTP endpoints map the result with <see cref="WrittenResults"/>; message
/// consumers use <see cref="Decide{TState}"/> and save with the handled message's id in their own transaction.
/// </summary>
public static class EventStreamWriter
{
    /// <summary>
    /// Decides on <paramref name="stream"/> and appends the decision's events to the session without saving.
    /// With <paramref name="expectedVersion"/> (a client's If-Match) a stream that moved since the client read it is refused first.
    /// </summary>
    public static Written<TState> Decide<TState>(IOpenStream<TState> stream, Func<TState?, Decision> decide, long? expectedVersion = null)
        where TState : class
    {
        if (expectedVersion is { } expected && expected != stream.Version)
        {
            return new(stream.State, [], new DecisionProblem(Refusal.Conflict, "Changed meanwhile",
                $"The {stream.Name} is at version {stream.Version}, not {expected}: reload it and apply your change again."));
        }

        var decision = decide(stream.State);
        if (decision.Problem is not null || decision.Events.Count == 0)
        {
            return new(stream.State, [], decision.Problem);
        }

        var (events, after) = stream.Append(decision.Events);
        return new(after, events, null);
    }

    /// <summary>Decides, appends and saves; a writer that saved the same stream first turns this one into a conflict, with nothing saved.</summary>
    public static async Task<Written<TState>> WriteAsync<TState>(
        this IDocumentSession session, IOpenStream<TState> stream, Func<TState?, Decision> decide, CancellationToken ct, long? expectedVersion = null)
        where TState : class
    {
        var written = Decide(stream, decide, expectedVersion);
        if (written.Problem is not null || written.Events.Count == 0)
        {
            return written;
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            return new(stream.State, [], new DecisionProblem(Refusal.Conflict, "Changed meanwhile",
                $"Someone else changed the {stream.Name} at the same moment: reload it and apply your change again."));
        }

        return written;
    }
}
