using JasperFx;
using Marten;

namespace Orchestrator.Planner.Plans;

/// <summary>
/// Gives the plans recorded before plans were kept as a document per task their <see cref="PlanDocument"/> and
/// <see cref="TaskDocument"/>s, once, when the Planner starts: each plan stream without a plan document is folded and
/// its documents inserted. Inserted, not stored: a plan that got its documents meanwhile (another instance starting at
/// the same time) keeps them, and this save fails harmlessly.
/// </summary>
public sealed class PlanDocumentBackfill(IDocumentStore store, ILogger<PlanDocumentBackfill> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the documents of every plan that has none; returns how many plans it wrote.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> missing;
        await using (var query = store.QuerySession())
        {
            var created = await query.Events.QueryRawEventDataOnly<PlanCreated>().ToListAsync(ct);
            var known = (await query.Query<PlanDocument>().Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            missing = [.. created.Select(e => e.PlanId).Where(id => !known.Contains(id)).Distinct()];
        }

        var written = 0;
        foreach (var planId in missing)
        {
            await using var session = store.LightweightSession();
            var events = await session.Events.FetchStreamAsync(planId, token: ct);
            if (events.Count == 0)
            {
                continue;
            }

            PlanStorage.Insert(session, PlanHistory.At(events, long.MaxValue));
            try
            {
                await session.SaveChangesAsync(ct);
                written++;
            }
            catch (DocumentAlreadyExistsException)
            {
                logger.LogInformation("Plan {PlanId} got its documents from another instance", planId);
            }
        }

        if (written > 0)
        {
            logger.LogInformation("Wrote the documents of {Plans} plans recorded before plans were kept as a document per task", written);
        }

        return written;
    }
}
