using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.Cancelling;

public static class CancelPlanDecision
{
    /// <summary>Stops every unfinished task and ends the plan as cancelled.</summary>
    public static Decision Decide(Plan plan, DateTimeOffset now)
    {
        if (plan.Status is PlanStatus.Completed or PlanStatus.Cancelled)
        {
            return Decision.Conflict($"The plan is already {ApiJson.Word(plan.Status)}.");
        }

        var events = plan.Tasks
            .Where(t => t.Status is not (TaskStatus.Completed or TaskStatus.Cancelled))
            .Select(t => (object)new TaskCancelled(plan.Id, t.Id, "The plan was cancelled.", now))
            .Append(PlanFinished.Of(plan, PlanStatus.Cancelled, now));
        return Decision.Accept([.. events]);
    }
}

public static class CancelPlanEndpoint
{
    public static RouteGroupBuilder MapCancelPlan(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/cancel", async Task<Results<Ok<PlanView>, ProblemHttpResult>> (
            Guid planId, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => CancelPlanDecision.Decide(plan, writer.Now), ct);
            return write.Respond(plan => TypedResults.Ok(PlanView.From(plan)));
        })
        .WithName("CancelPlan")
        .WithSummary("Stops what runs; nothing new starts.");
        return plans;
    }
}
