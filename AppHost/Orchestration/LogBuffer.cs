using System.Threading.Channels;

namespace Orchestrator.AppHost.Orchestration;

/// <summary>One line of a resource's output, or a note the AppHost wrote about the resource.</summary>
public sealed record LogLine(long Sequence, DateTimeOffset At, string Text, bool FromAppHost);

/// <summary>The most recent lines of one resource's output, plus live subscriptions for streaming.</summary>
public sealed class LogBuffer(int capacity = 2000)
{
    private readonly Queue<LogLine> _lines = new();
    private readonly List<Channel<LogLine>> _subscribers = [];
    private long _sequence;

    public void Add(string text, bool fromAppHost = false)
    {
        lock (_lines)
        {
            var line = new LogLine(++_sequence, DateTimeOffset.UtcNow, text, fromAppHost);
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(line);
            }
        }
    }

    /// <summary>The last <paramref name="tail"/> lines (all kept lines when null), oldest first.</summary>
    public IReadOnlyList<LogLine> Recent(int? tail = null)
    {
        lock (_lines)
        {
            var count = Math.Clamp(tail ?? _lines.Count, 0, _lines.Count);
            return _lines.Skip(_lines.Count - count).ToArray();
        }
    }

    /// <summary>The kept lines followed by every new one, until <paramref name="cancellationToken"/> fires. A slow reader loses its oldest unread lines.</summary>
    public async IAsyncEnumerable<LogLine> Follow([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        IReadOnlyList<LogLine> backlog;
        lock (_lines)
        {
            backlog = _lines.ToArray();
            _subscribers.Add(channel);
        }

        try
        {
            foreach (var line in backlog)
            {
                yield return line;
            }

            while (true)
            {
                LogLine line;
                try
                {
                    line = await channel.Reader.ReadAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                yield return line;
            }
        }
        finally
        {
            lock (_lines)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
