using Marten;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>
/// Once, when the Planner starts: asks for the aggregation of every parent of a running plan that waits for its subtasks' combined
/// result with no request made (<see cref="Progression.PendingAggregations"/>). A request is recorded with the write that makes a
/// parent wait, so only a plan recorded by an earlier Planner, which aggregated from its daemon, can have such a parent; a plan whose
/// requests are on their way is left as it is.
/// </summary>
public sealed class PendingAggregationSweep(IServiceScopeFactory scopes, IDocumentStore store, ILogger<PendingAggregationSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var requested = await RunAsync(stoppingToken);
            if (requested > 0)
            {
                logger.LogInformation("Asked for the aggregation of {Parents} parents that were waiting for it", requested);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Asks for every aggregation due with none asked for; returns how many it asked for.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        IReadOnlyList<Guid> running;
        await using (var query = store.QuerySession())
        {
            running = await query.Query<PlanDocument>().Where(p => p.Plan!.Status == PlanStatus.Running).Select(p => p.Id).ToListAsync(ct);
        }

        var requested = 0;
        foreach (var planId in running)
        {
            await using var scope = scopes.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<PlanWriter>();
            var write = await writer.WriteAsync(planId, null, plan => Decision.Accept([.. Progression.PendingAggregations(plan, writer.Now)]), ct);
            requested += write.Events.Count(e => e is AggregationRequested);
        }

        return requested;
    }
}
