using System.Text.Json;
using Npgsql;

namespace Orchestrator.Benchmarks.Executor.Measuring;

/// <summary>One boundary between two services: from the commit that appended the event to the commit of the next service's handling of it.</summary>
/// <summary>
/// One boundary between two services: from the commit that appended the event to the commit of the next service's handling of it.
/// Where the handling event carries the time its service decided it, the hop splits into delivery (stored → decided: publish, broker,
/// consume, load) and storing (decided → stored: append and commit).
/// </summary>
internal sealed record Hop(string Boundary, string Path, Percentiles Latency, Percentiles? Delivery = null, Percentiles? Storing = null)
{
    /// <summary>A step inside one service on a task's way (not a hop between two): shown beside the hops, not held to their target.</summary>
    public bool WithinService { get; init; }
}

/// <summary>
/// The latency of each hop of a task's way through the services, read from the event stores of all of them: every event carries the
/// time PostgreSQL stored it (its transaction's time), and the ids that tie a hop together (task and attempt, turn, conversation).
/// The hop from the Executor to the Conversation ends with a model call in the same handling; its own latency, recorded with the
/// reply, is taken off.
/// </summary>
internal static class HopFigures
{
    public static async Task<IReadOnlyList<Hop>> ReadAsync(string connectionString, Guid planId, CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var planner = await ReadAsync(source, "planner", "stream_id = @plan", planId, ["task_readied", "task_completed"], ct);
        var executor = await ReadAsync(source, "executor", "(data->>'planId' = @planText or type = 'turn_completed')", planId,
            ["attempt_queued", "turn_requested", "turn_completed", "execution_completed"], ct);
        var conversation = await ReadAsync(source, "conversation", "(data->>'planId' = @planText or type = 'inputs_declared')", planId,
            ["autonomous_turn_completed", "inputs_declared"], ct);

        var readied = planner.Where(e => e.Type == "task_readied").ToList();
        var queued = executor.Where(e => e.Type == "attempt_queued").ToDictionary(e => (e.Guid("taskId"), e.Int("attempt")));
        var declared = conversation.Where(e => e.Type == "inputs_declared").GroupBy(e => (e.StreamId, e.Int("attempt"))).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        var requested = executor.Where(e => e.Type == "turn_requested").ToDictionary(e => e.Guid("turnId"));
        var answered = conversation.Where(e => e.Type == "autonomous_turn_completed").ToDictionary(e => e.Guid("turnId"));
        var turnDone = executor.Where(e => e.Type == "turn_completed").GroupBy(e => e.Guid("turnId")).ToDictionary(g => g.Key, g => g.MinBy(e => e.At)!);
        var executed = executor.Where(e => e.Type == "execution_completed").ToList();
        var turnsByTask = requested.Values.GroupBy(r => r.Guid("taskId")).ToDictionary(g => g.Key, g => g.Min(r => r.At));
        var recorded = planner.Where(e => e.Type == "task_completed").GroupBy(e => e.Guid("taskId")).ToDictionary(g => g.Key, g => g.Min(e => e.At));

        return
        [
            Split("Planner → Executor", "task readied → attempt queued",
                readied.Where(r => queued.ContainsKey((r.Guid("taskId"), r.Int("attempt")))).Select(r => (r, queued[(r.Guid("taskId"), r.Int("attempt"))])).ToList()),
            new("Executor → Conversation", "turn requested → turn answered, less the model call",
                Percentiles.Of(requested.Values.Where(r => answered.ContainsKey(r.Guid("turnId"))).Select(r =>
                {
                    var answer = answered[r.Guid("turnId")];
                    return Ms(answer.At - r.At) - answer.Double("latencyMs");
                }))),
            Split("Conversation → Executor", "turn answered → turn completed",
                answered.Values.Where(a => turnDone.ContainsKey(a.Guid("turnId"))).Select(a => (a, turnDone[a.Guid("turnId")])).ToList()),
            new("Executor → Planner", "execution completed → task completed",
                Percentiles.Of(executed.Where(e => recorded.ContainsKey(e.Guid("taskId"))).Select(e => Ms(recorded[e.Guid("taskId")] - e.At)))),
            new("Executor (inside)", "attempt queued → first turn requested: admission by the scheduler",
                Percentiles.Of(queued.Values.Where(q => turnsByTask.ContainsKey(q.Guid("taskId"))).Select(q => Ms(turnsByTask[q.Guid("taskId")] - q.At))))
            {
                WithinService = true,
            },
            new("Planner → Conversation", "task readied → inputs declared",
                Percentiles.Of(readied.Where(r => declared.ContainsKey((r.Guid("conversationId"), r.Int("attempt"))))
                    .Select(r => Ms(declared[(r.Guid("conversationId"), r.Int("attempt"))] - r.At)))),
        ];
    }

    /// <summary>A hop whose handling event carries its service's decision time (<c>at</c>) as well as the time it was stored.</summary>
    private static Hop Split(string boundary, string path, IReadOnlyList<(StoredEvent From, StoredEvent To)> pairs) =>
        new(boundary, path,
            Percentiles.Of(pairs.Select(p => Ms(p.To.At - p.From.At))),
            Percentiles.Of(pairs.Select(p => Ms(p.To.Time("at") - p.From.At))),
            Percentiles.Of(pairs.Select(p => Ms(p.To.At - p.To.Time("at")))));

    private static async Task<List<StoredEvent>> ReadAsync(
        NpgsqlDataSource source, string schema, string filter, Guid planId, string[] types, CancellationToken ct)
    {
        await using var command = source.CreateCommand(
            $"select type, stream_id, data, timestamp from {schema}.mt_events where type = any(@types) and {filter}");
        command.Parameters.AddWithValue("types", types);
        command.Parameters.AddWithValue("plan", planId);
        command.Parameters.AddWithValue("planText", planId.ToString());
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            using var data = JsonDocument.Parse(reader.GetString(2));
            events.Add(new StoredEvent(reader.GetString(0), reader.GetGuid(1), data.RootElement.Clone(), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return events;
    }

    private static double Ms(TimeSpan span) => span.TotalMilliseconds;

    private sealed record StoredEvent(string Type, Guid StreamId, JsonElement Data, DateTimeOffset At)
    {
        public Guid Guid(string name) => Data.GetProperty(name).GetGuid();

        public int Int(string name) => Data.GetProperty(name).GetInt32();

        public double Double(string name) => Data.GetProperty(name).GetDouble();

        public DateTimeOffset Time(string name) => Data.GetProperty(name).GetDateTimeOffset();
    }
}
