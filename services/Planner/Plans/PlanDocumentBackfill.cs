using JasperFx;
using Marten;

namespace Orchestrator.Planner.Plans;

/// <summary>
/// Brings the documents of plans recorded by an earlier Planner up to date, once, when the Planner starts:
/// <list type="bullet">
/// <item>a plan recorded before plans were kept as a document per task gets its <see cref="PlanDocument"/> and
/// <see cref="TaskDocument"/>s: its stream is folded and its documents inserted. Inserted, not stored: a plan that got its
/// documents meanwhile (another instance starting at the same time) keeps them, and this save fails harmlessly;</item>
/// <item>a plan document written before it held the plan's state whole (<see cref="PlanDocument.Plan"/> is null) is written
/// again from the plan's events; its tasks' documents stay as they are.</item>
/// </list>
/// </summary>
public sealed class PlanDocumentBackfill(IDocumentStore store, ILogger<PlanDocumentBackfill> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the documents of every plan that has none or an earlier kind; returns how many plans it wrote.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> missing;
        List<Guid> earlier;
        await using (var query = store.QuerySession())
        {
            var created = await query.Events.QueryRawEventDataOnly<PlanCreated>().ToListAsync(ct);
            var known = (await query.Query<PlanDocument>().Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            missing = [.. created.Select(e => e.PlanId).Where(id => !known.Contains(id)).Distinct()];
            earlier = [.. await query.Query<PlanDocument>().Where(p => p.Plan == null).Select(p => p.Id).ToListAsync(ct)];
        }

        foreach (var planId in earlier)
        {
            await using var session = store.LightweightSession();
            var events = await session.Events.FetchStreamAsync(planId, token: ct);
            if (events.Count > 0)
            {
                session.Store(PlanStorage.Document(PlanHistory.At(events, long.MaxValue), Guid.NewGuid()));
                await session.SaveChangesAsync(ct);
            }
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

        if (written + earlier.Count > 0)
        {
            logger.LogInformation("Wrote the documents of {Plans} plans recorded by an earlier Planner", written + earlier.Count);
        }

        return written + earlier.Count;
    }
}
