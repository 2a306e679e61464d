using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.GettingPlan;

public static class GetPlanEndpoint
{
    public static RouteGroupBuilder MapGetPlan(this RouteGroupBuilder plans)
    {
        plans.MapGet("/", async (IQuerySession session, CancellationToken ct) =>
        {
            var all = await session.Query<PlanDocument>().OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
            return TypedResults.Ok(all.Select(p => new PlanSummary(p.Id, p.Title, p.Status, p.CreatedAt, p.UpdatedAt, p.TaskCount)).ToList());
        })
        .WithName("ListPlans");

        plans.MapGet("/{planId:guid}", async Task<Results<Ok<PlanView>, ProblemHttpResult>> (
            Guid planId, long? version, DateTimeOffset? at, IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            if (version is < 1)
            {
                return TypedResults.Problem("'version' must be 1 or more.", statusCode: StatusCodes.Status400BadRequest);
            }

            Plan? plan;
            if (version is null && at is null)
            {
                plan = await PlanStorage.LoadAsync(session, planId, ct);
            }
            else
            {
                var events = await session.Events.FetchStreamAsync(planId, version ?? 0, at?.ToUniversalTime(), token: ct);
                plan = events.Count == 0 ? null : PlanHistory.At(events, long.MaxValue);
            }

            if (plan is null)
            {
                return TypedResults.Problem($"Plan {planId} does not exist{(version is null && at is null ? "" : " at that point")}.", statusCode: StatusCodes.Status404NotFound);
            }

            http.Response.Headers.ETag = $"\"{plan.Version}\"";
            return TypedResults.Ok(PlanView.From(plan));
        })
        .WithName("GetPlan")
        .WithSummary("The plan now, or as it was at ?version=N or ?at=<time>.");
        return plans;
    }
}
