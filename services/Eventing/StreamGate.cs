namespace Orchestrator.Eventing;

/// <summary>
/// Lets one writer at a time load, decide and append on a stream within this process. Messages for one
/// stream often arrive together (a plan's tasks finish together; a task's brief and its readiness reach
/// its conversation at once); without the gate they race on the stream's version or on starting it,
/// lose, roll back and retry, and every rolled-back append leaves a hole in the event sequence that
/// stalls the async daemon until it stops waiting for it. The gate only spares this process those
/// races: correctness never rests on it. Writers in other instances of the service meet optimistic
/// concurrency on the stream's version; the loser rolls back whole (effects and handled-message id
/// together) and the bus retries it on the state the winner left.
/// </summary>
public sealed class StreamGate
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the stream's turn; dispose the result to pass it on. Never nest two streams' turns.</summary>
    public async Task<IDisposable> EnterAsync(Guid streamId, CancellationToken ct)
    {
        var stripe = _stripes[(int)((uint)streamId.GetHashCode() % (uint)_stripes.Length)];
        await stripe.WaitAsync(ct);
        return new Turn(stripe);
    }

    private sealed class Turn(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
