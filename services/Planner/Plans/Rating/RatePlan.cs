using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.Rating;

public sealed record RatePlanRequest(int? Score, string? Comment);

public static class RatePlanDecision
{
    public const int MaxCommentLength = 2_000;

    /// <summary>Records the person's verdict on a finished plan; rating again replaces the earlier verdict.</summary>
    public static Decision Decide(Plan plan, RatePlanRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Score is not { } score || score is < 1 or > 5)
        {
            return Decision.Invalid("'score' must be a whole number from 1 (poor) to 5 (excellent).");
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            return Decision.Invalid($"'comment' has {comment.Length} characters; the limit is {MaxCommentLength}.");
        }

        if (plan.Status is not (PlanStatus.Completed or PlanStatus.Failed))
        {
            return Decision.Conflict($"The plan is {ApiJson.Word(plan.Status)}: only a completed or failed plan can be rated.");
        }

        if (plan.Rating is { } rating && rating.Score == score && rating.Comment == comment)
        {
            return Decision.Unchanged;
        }

        return Decision.Accept(new PlanRated(plan.Id, score, comment, PlanSuccess.IsClean(plan, plan.Status), plan.Rating?.Score, now, plan.DecompositionPromptVersionId));
    }
}

public static class RatePlanEndpoint
{
    public static RouteGroupBuilder MapRatePlan(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/rating", async Task<Results<Ok<PlanView>, ProblemHttpResult>> (
            Guid planId, RatePlanRequest body, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => RatePlanDecision.Decide(plan, body, writer.Now), ct);
            return write.Respond(plan => TypedResults.Ok(PlanView.From(plan)));
        })
        .WithName("RatePlan")
        .WithSummary("The person's verdict on a finished plan, 1 to 5: an outcome of the prompt version and the patterns that produced it.");
        return plans;
    }
}
