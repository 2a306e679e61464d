using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.GettingHistory;

/// <summary>One event of a plan's history.</summary>
public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, object Data);

public static class GetHistoryEndpoint
{
    public static RouteGroupBuilder MapGetHistory(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{planId:guid}/history", async Task<Results<Ok<List<HistoryEntry>>, ProblemHttpResult>> (Guid planId, IQuerySession session, CancellationToken ct) =>
        {
            var events = await session.Events.FetchStreamAsync(planId, token: ct);
            if (events.Count == 0)
            {
                return TypedResults.Problem($"Plan {planId} does not exist.", statusCode: StatusCodes.Status404NotFound);
            }

            return TypedResults.Ok(events.Select(e => new HistoryEntry(e.Version, TypeName(e), e.Timestamp, e.Data)).ToList());
        })
        .WithName("GetPlanHistory")
        .WithSummary("Every event of the plan, oldest first.");
        return plans;
    }

    /// <summary>The event's type as the API names it, e.g. <c>task-added</c>.</summary>
    public static string TypeName(JasperFx.Events.IEvent e) => ApiJson.Word(e.EventType.Name);
}
