using System.Collections.Concurrent;

namespace Orchestrator.Conversation.Conversations.Context;

/// <summary>
/// The turns generating right now in this instance, one per conversation, so a second message waits
/// for the first reply, a stop request reaches the model call, and a cancelled task stops its turn
/// (every instance hears every cancellation). Across instances an autonomous turn is guarded by the
/// conversation stream's version: of two that ran at once, the second to commit fails and the bus
/// retries it on the state the first left. A chat reply and a stop request are served by the instance
/// that holds the person's streaming request, so a stop sent to another instance finds nothing to stop.
/// </summary>
public sealed class ActiveTurns
{
    private readonly ConcurrentDictionary<Guid, Lease> _turns = new();

    /// <summary>Starts a turn, or returns null when the conversation already has one running.</summary>
    public Lease? TryBegin(Guid conversationId, Guid taskId, CancellationToken linked)
    {
        var lease = new Lease(this, conversationId, taskId, CancellationTokenSource.CreateLinkedTokenSource(linked));
        if (_turns.TryAdd(conversationId, lease))
        {
            return lease;
        }

        lease.Source.Dispose();
        return null;
    }

    /// <summary>Stops the running turn of a conversation; false when none runs.</summary>
    public bool Stop(Guid conversationId)
    {
        if (!_turns.TryGetValue(conversationId, out var lease))
        {
            return false;
        }

        lease.Cancel();
        return true;
    }

    /// <summary>Stops every running turn of a task; returns how many.</summary>
    public int StopTask(Guid taskId)
    {
        var stopped = 0;
        foreach (var lease in _turns.Values.Where(l => l.TaskId == taskId))
        {
            lease.Cancel();
            stopped++;
        }

        return stopped;
    }

    public sealed class Lease : IDisposable
    {
        private readonly ActiveTurns _owner;
        private readonly Guid _conversationId;

        internal Lease(ActiveTurns owner, Guid conversationId, Guid taskId, CancellationTokenSource source)
        {
            _owner = owner;
            _conversationId = conversationId;
            TaskId = taskId;
            Source = source;
        }

        public Guid TaskId { get; }

        public CancellationToken Token => Source.Token;

        internal CancellationTokenSource Source { get; }

        internal void Cancel()
        {
            try
            {
                Source.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _owner._turns.TryRemove(new KeyValuePair<Guid, Lease>(_conversationId, this));
            Source.Dispose();
        }
    }
}
