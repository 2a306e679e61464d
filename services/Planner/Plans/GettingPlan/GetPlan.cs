using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.GettingPlan;

public static class GetPlanEndpoint
{
    public static RouteGroupBuilder MapGetPlan(this RouteGroupBuilder plans)
    {
        plans.MapGet("/", async (IQuerySession session, CancellationToken ct) =>
        {
            var all = await session.Query<PlanDocument>().Where(p => p.Plan != null).OrderByDescending(p => p.Plan!.CreatedAt).ToListAsync(ct);
            return TypedResults.Ok(all.Select(p => new PlanSummary(p.Id, p.Plan!.Title, p.Plan.Status, p.Plan.CreatedAt, p.Plan.UpdatedAt, p.TaskCount)).ToList());
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
