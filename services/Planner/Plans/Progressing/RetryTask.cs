using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.Progressing;

public static class RetryTaskEndpoint
{
    public static RouteGroupBuilder MapRetryTask(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/tasks/{taskId:guid}/retry", async Task<Results<Ok<PlanView>, ProblemHttpResult>> (
            Guid planId, Guid taskId, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => TaskProgressDecision.Decide(plan, new TaskProgress.RetryRequested(taskId, writer.Now)), ct);
            return write.Respond(plan => TypedResults.Ok(PlanView.From(plan)));
        })
        .WithName("RetryTask")
        .WithSummary("Runs a failed task again.");
        return plans;
    }
}
