using System.Threading.Channels;
using Marten;
using Marten.Services;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>
/// The fast path of a parent's aggregation: right after a commit that completes or retries a task or deletes a subtree,
/// asks the <see cref="ParentAggregator"/> to combine whatever became due in that plan, without waiting for the daemon.
/// The daemon's subscription stays the durable path: a crash before the aggregation is recorded leaves it to the
/// daemon, and the two never aggregate one parent twice (the aggregator takes one plan at a time and decides again
/// on the plan as it stands).
/// </summary>
public sealed class AggregationTrigger(IServiceProvider services, ILogger<AggregationTrigger> logger) : BackgroundService
{
    private readonly Channel<Guid> _plans = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Registers the listener that feeds the trigger after each commit of the Planner's store.</summary>
    public static void Listen(StoreOptions options, IServiceProvider services) =>
        options.Listeners.Add(new CommitListener(services));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var aggregator = ActivatorUtilities.CreateInstance<ParentAggregator>(services);
        try
        {
            await foreach (var planId in _plans.Reader.ReadAllAsync(stoppingToken))
            {
                // Plans aggregate side by side (a parent's aggregation is a model call); one plan's turns are taken in the aggregator.
                _ = AggregateAsync(aggregator, planId, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AggregateAsync(ParentAggregator aggregator, Guid planId, CancellationToken ct)
    {
        try
        {
            await aggregator.AggregateDueParentsAsync(planId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Aggregating plan {PlanId} right after its commit failed; the daemon will aggregate it", planId);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Changed(Guid planId) => _plans.Writer.TryWrite(planId);

    private sealed class CommitListener(IServiceProvider services) : DocumentSessionListenerBase
    {
        // Resolved at the first commit: the trigger is built after the document store this listener is part of.
        private readonly Lazy<AggregationTrigger> _trigger = new(services.GetRequiredService<AggregationTrigger>);

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var planId in commit.GetEvents().Where(e => e.Data is TaskCompleted or TaskRetried or SubtreeDeleted).Select(e => e.StreamId).Distinct())
            {
                _trigger.Value.Changed(planId);
            }

            return Task.CompletedTask;
        }
    }
}
