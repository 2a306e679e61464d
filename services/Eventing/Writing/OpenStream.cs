using Marten;
using JasperFx.Events;

namespace Orchestrator.Eventing;

/// <summary>
/// A stream loaded for one write: the state a decision reads, the version the append must still find when it is
/// saved, and how decided events are appended. Marten's event streams are one kind (<see cref="MartenStream{T}"/>);
/// a service that keeps its state in its own documents (the Planner's plans) brings its own.
/// </summary>
public interface IOpenStream<TState> where TState : class
{
    /// <summary>What the stream is, in a person's words ("plan 0197…", "template 'decompose'"), for the messages of a refused write.</summary>
    string Name { get; }

    /// <summary>The state to decide on; null for a stream that has no events yet.</summary>
    TState? State { get; }

    /// <summary>The stream's version when it was loaded; a client's If-Match is compared with it.</summary>
    long Version { get; }

    /// <summary>
    /// Appends <paramref name="events"/> to the session at <see cref="Version"/>, so that saving fails if another writer
    /// moved the stream meanwhile, with whatever follows from them by itself; returns everything appended and the state after.
    /// </summary>
    (IReadOnlyList<object> Events, TState? After) Append(IReadOnlyList<object> events);
}

/// <summary>
/// A Marten event stream fetched for writing (its aggregate and version), folded forward event by event with the service's evolve
/// function. A stream named by no id (all zeros, which no stream ever has) is opened as one without events, so a decision refuses
/// it as it refuses any stream that does not exist; appending to it is a programming error.
/// </summary>
public sealed class MartenStream<T>(IEventStream<T>? stream, string name, Func<T?, object, T?> evolve) : IOpenStream<T> where T : class
{
    public string Name => name;

    public T? State => stream?.Aggregate;

    public long Version => stream?.StartingVersion ?? 0;

    public (IReadOnlyList<object> Events, T? After) Append(IReadOnlyList<object> events)
    {
        if (stream is null)
        {
            throw new InvalidOperationException($"The {name} has no id, so nothing can be appended to it.");
        }

        stream.AppendMany(events);
        return (events, events.Aggregate(stream.Aggregate, evolve));
    }
}

/// <summary>Fetches Marten event streams for writing.</summary>
public static class MartenStreams
{
    public static async Task<MartenStream<T>> OpenAsync<T>(
        this IDocumentSession session, Guid id, string name, Func<T?, object, T?> evolve, CancellationToken ct) where T : class =>
        new(id == Guid.Empty ? null : await session.Events.FetchForWriting<T>(id, ct), name, evolve);

    public static async Task<MartenStream<T>> OpenAsync<T>(
        this IDocumentSession session, string id, string name, Func<T?, object, T?> evolve, CancellationToken ct) where T : class =>
        new(string.IsNullOrEmpty(id) ? null : await session.Events.FetchForWriting<T>(id, ct), name, evolve);
}
