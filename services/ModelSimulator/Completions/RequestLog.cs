namespace Orchestrator.ModelSimulator.Completions;

public sealed record RecordedRequest(
    long Sequence, DateTimeOffset At, bool Stream, string? Model, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<string> Tools, string? SchemaName);

/// <summary>The last requests the simulator received, for tests that check what a model was sent.</summary>
public sealed class RequestLog(Microsoft.Extensions.Options.IOptions<SimulatorOptions> options, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<RecordedRequest> _requests = new();
    private long _sequence;

    public void Add(ChatRequest request)
    {
        lock (_lock)
        {
            _requests.AddLast(new RecordedRequest(++_sequence, clock.GetUtcNow(), request.Stream, request.Model, request.Messages, request.Tools, request.SchemaName));
            while (_requests.Count > Math.Max(1, options.Value.KeepRequests))
            {
                _requests.RemoveFirst();
            }
        }
    }

    /// <summary>The requests received after <paramref name="after"/> (a sequence number), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Since(long after)
    {
        lock (_lock)
        {
            return _requests.Where(r => r.Sequence > after).ToList();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }
}
