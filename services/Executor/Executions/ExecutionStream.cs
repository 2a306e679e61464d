using Marten;

namespace Orchestrator.Executor.Executions;

/// <summary>Appends decided events to one execution stream with optimistic concurrency: a concurrent writer makes SaveChanges fail.</summary>
public static class ExecutionStream
{
    /// <summary>Loads the execution for writing, applies <paramref name="decide"/> and appends its events; returns the events.</summary>
    public static async Task<IReadOnlyList<object>> AppendAsync(
        IDocumentSession session, Guid taskId, Func<Execution?, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Execution>(taskId, ct);
        var events = decide(stream.Aggregate);
        if (events.Count > 0)
        {
            stream.AppendMany(events);
        }

        return events;
    }
}
