using Marten;

namespace Orchestrator.Executor.Executions;

/// <summary>An execution's event stream on the shared write path: decided events are appended with optimistic concurrency.</summary>
public static class ExecutionStream
{
    public static Task<MartenStream<Execution>> OpenAsync(IDocumentSession session, Guid taskId, CancellationToken ct) =>
        session.OpenAsync<Execution>(taskId, NameOf(taskId), ExecutionEvolution.Evolve, ct);

    /// <summary>Several executions opened for writing in one round trip, in the order of <paramref name="taskIds"/>.</summary>
    public static async Task<IReadOnlyList<MartenStream<Execution>>> OpenManyAsync(IDocumentSession session, IReadOnlyList<Guid> taskIds, CancellationToken ct) =>
        (await session.Events.FetchManyForWriting<Execution>(taskIds, ct))
            .Select((stream, i) => new MartenStream<Execution>(stream, NameOf(taskIds[i]), ExecutionEvolution.Evolve))
            .ToList();

    private static string NameOf(Guid taskId) => $"execution of task {taskId}";

    /// <summary>
    /// Loads the execution for writing, applies <paramref name="decide"/> and appends its events without saving (a consumer saves
    /// them with the handled message's id); returns the events.
    /// </summary>
    public static async Task<IReadOnlyList<object>> AppendAsync(
        IDocumentSession session, Guid taskId, Func<Execution?, IReadOnlyList<object>> decide, CancellationToken ct) =>
        EventStreamWriter.Decide(await OpenAsync(session, taskId, ct), state => new Decision(decide(state), null)).Events;
}
