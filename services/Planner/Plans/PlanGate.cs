namespace Orchestrator.Planner.Plans;

/// <summary>
/// Lets one writer at a time load, decide and append on a plan's stream within this process. Many
/// reports for one plan arrive together (its tasks finish together); without the gate they race on
/// the stream's version, lose, roll back and retry, and every rolled-back append leaves a hole in the
/// event sequence that stalls the async daemon until it gives up waiting for it. Writers in other
/// processes still meet optimistic concurrency, which the bus retries.
/// </summary>
public sealed class PlanGate
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the plan's turn; dispose the result to pass it on. Never nest two plans' turns.</summary>
    public async Task<IDisposable> EnterAsync(Guid planId, CancellationToken ct)
    {
        var stripe = _stripes[(int)((uint)planId.GetHashCode() % (uint)_stripes.Length)];
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
