using Marten;
using Marten.Services;

namespace Orchestrator.Executor.Executions.Scheduling;

/// <summary>Wakes this instance's scheduler as soon as a change it cares about commits, instead of at its next poll.</summary>
public sealed class SchedulerSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public SchedulerSignal() => AfterCommit = new CommitListener(this);

    /// <summary>A session listener that wakes the scheduler after the session commits.</summary>
    public IDocumentSessionListener AfterCommit { get; }

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    private sealed class CommitListener(SchedulerSignal signal) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            signal.Wake();
            return Task.CompletedTask;
        }
    }
}
