using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.Approving;

public static class ApprovePlanDecision
{
    /// <summary>Starts a draft or proposed plan; readiness follows by itself (<see cref="Progression"/>).</summary>
    public static Decision Decide(Plan plan, DateTimeOffset now) => plan.Status switch
    {
        PlanStatus.Draft or PlanStatus.Proposed => Decision.Accept(new PlanApproved(plan.Id, plan.EditsSinceProposal, now, plan.DecompositionPromptVersionId)),
        _ => Decision.Conflict($"The plan is {ApiJson.Word(plan.Status)}: only a draft or proposed plan can be approved."),
    };
}

public static class ApprovePlanEndpoint
{
    public static RouteGroupBuilder MapApprovePlan(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/approve", async Task<Results<Ok<PlanView>, ProblemHttpResult>> (
            Guid planId, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => ApprovePlanDecision.Decide(plan, writer.Now), ct);
            return write.Respond(plan => TypedResults.Ok(PlanView.From(plan)));
        })
        .WithName("ApprovePlan")
        .WithSummary("Starts execution: every task whose dependencies are complete becomes ready.");
        return plans;
    }
}
