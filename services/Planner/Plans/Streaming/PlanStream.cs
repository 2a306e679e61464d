using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Planner.Plans.GettingHistory;

namespace Orchestrator.Planner.Plans.Streaming;

/// <summary>
/// Server-sent events of a plan: every appended event (<c>event: plan-event</c>, id = plan version)
/// followed by the plan as it stands (<c>event: plan</c>). A reconnecting client sends
/// <c>Last-Event-ID</c> (or <c>?after=</c>) and receives what it missed. Reads the event store, so
/// any Planner instance can serve any client.
/// </summary>
public static class PlanStreamEndpoint
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapPlanStream(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{planId:guid}/stream", async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> (
            Guid planId, long? after, HttpRequest request, IDocumentStore store, CancellationToken ct) =>
        {
            await using (var session = store.QuerySession())
            {
                if (await session.LoadAsync<PlanDocument>(planId, ct) is null)
                {
                    return TypedResults.Problem($"Plan {planId} does not exist.", statusCode: StatusCodes.Status404NotFound);
                }
            }

            var resumeFrom = long.TryParse(request.Headers["Last-Event-ID"], out var lastSeen) ? lastSeen : after;
            return TypedResults.ServerSentEvents(Changes(planId, resumeFrom, store, ct));
        })
        .WithName("StreamPlan")
        .WithSummary("Every change to the plan as server-sent events; resumable with Last-Event-ID.");
        return plans;
    }

    private static async IAsyncEnumerable<SseItem<object>> Changes(Guid planId, long? resumeFrom, IDocumentStore store, [EnumeratorCancellation] CancellationToken ct)
    {
        var seen = resumeFrom ?? -1;
        var lastSent = DateTime.UtcNow;
        while (!ct.IsCancellationRequested)
        {
            List<SseItem<object>> batch = [];
            await using (var session = store.QuerySession())
            {
                if (seen < 0)
                {
                    var plan = await PlanStorage.LoadLatestAsync(session, planId, ct);
                    seen = plan?.Version ?? 0;
                    batch.Add(Snapshot(plan!));
                }
                else
                {
                    var events = await session.Events.QueryAllRawEvents()
                        .Where(e => e.StreamId == planId && e.Version > seen)
                        .OrderBy(e => e.Version)
                        .ToListAsync(ct);
                    if (events.Count > 0)
                    {
                        batch.AddRange(events.Select(e => new SseItem<object>(
                            new HistoryEntry(e.Version, GetHistoryEndpoint.TypeName(e), e.Timestamp, e.Data), "plan-event") { EventId = e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                        seen = events[^1].Version;
                        var plan = await PlanStorage.LoadLatestAsync(session, planId, ct);
                        if (plan is not null)
                        {
                            batch.Add(Snapshot(plan));
                        }
                    }
                }
            }

            foreach (var item in batch)
            {
                yield return item;
                lastSent = DateTime.UtcNow;
            }

            if (DateTime.UtcNow - lastSent > Heartbeat)
            {
                yield return new SseItem<object>(new { at = DateTimeOffset.UtcNow }, "heartbeat");
                lastSent = DateTime.UtcNow;
            }

            try
            {
                await Task.Delay(PollInterval, ct);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static SseItem<object> Snapshot(Plan plan) =>
        new(PlanView.From(plan), "plan") { EventId = plan.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
