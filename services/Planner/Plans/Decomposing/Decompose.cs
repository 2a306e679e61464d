using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Planner.Plans.Decomposing;

public sealed record DecomposeRequest(string? Guidance);

/// <summary>The proposal as the API returns it.</summary>
public sealed record DecompositionView(Guid PlanId, Guid TaskId, string Action, string Reason, string PromptVersionId, int Attempts, IReadOnlyList<string> Repairs, long Version, IReadOnlyList<TaskView> Tasks, IReadOnlyList<Patterns.PatternRef> Patterns);

public static class DecomposeEndpoint
{
    public static RouteGroupBuilder MapDecompose(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{planId:guid}/tasks/{taskId:guid}/decompose", async Task<Results<Ok<DecompositionView>, ProblemHttpResult>> (
            Guid planId, Guid taskId, DecomposeRequest? body, IQuerySession query, Decomposer decomposer, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var plan = await PlanStorage.LoadAsync(query, planId, ct);
            if (plan is null)
            {
                return TypedResults.Problem($"Plan {planId} does not exist.", statusCode: StatusCodes.Status404NotFound);
            }

            if (DecompositionDecision.CheckCanDecompose(plan, taskId) is { } refused)
            {
                return refused.ToResult();
            }

            var outcome = await decomposer.ProposeAsync(plan, taskId, body?.Guidance, ct);
            if (outcome.Proposal is not { } proposal)
            {
                return TypedResults.Problem(outcome.Error, statusCode: outcome.ModelUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                    title: outcome.ModelUnavailable ? "Model unavailable" : "Unusable decomposition");
            }

            var write = await writer.WriteAsync(planId, request, p => DecompositionDecision.Decide(p,
                new ProposeDecomposition(taskId, proposal, outcome.PromptVersionId, outcome.Attempts, Guid.CreateVersion7, writer.Now)
                {
                    Patterns = outcome.Patterns,
                    Cost = outcome.Cost,
                }), ct);
            return write.Respond(after =>
            {
                var busy = TaskView.BusyAncestors(after);
                var children = after.SubtreeOf(taskId).Skip(1).Select(t => TaskView.From(t, busy)).ToList();
                return TypedResults.Ok(new DecompositionView(planId, taskId, proposal.Action, proposal.Reason, outcome.PromptVersionId, outcome.Attempts, proposal.Repairs, after.Version, children, outcome.Patterns));
            });
        })
        .WithName("DecomposeTask")
        .WithSummary("Asks the model to split a task into subtasks (or to execute it directly); the result is a proposal to edit and approve.");

        plans.MapPost("/{planId:guid}/tasks/{taskId:guid}/discard", async Task<Results<Ok<PlanView>, ProblemHttpResult>> (
            Guid planId, Guid taskId, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => DiscardDecision.Decide(plan, taskId, writer.Now), ct);
            return write.Respond(plan => TypedResults.Ok(PlanView.From(plan)));
        })
        .WithName("DiscardProposal")
        .WithSummary("Removes the unapproved subtasks a decomposition proposed under a task.");
        return plans;
    }
}

public static class DiscardDecision
{
    public static Decision Decide(Plan plan, Guid taskId, DateTimeOffset now)
    {
        if (plan.Find(taskId) is null)
        {
            return Decision.NotFound($"Task {taskId} is not in plan {plan.Id}.");
        }

        var proposed = plan.ChildrenOf(taskId).Where(c => c.Proposed).ToList();
        if (proposed.Count == 0)
        {
            return Decision.Conflict("There is no unapproved proposal under this task to discard.");
        }

        return Decision.Accept([
            new DecompositionDiscarded(plan.Id, taskId, "Discarded by the person.", now, plan.DecompositionPromptVersionId),
            .. proposed.Select(c => (object)new SubtreeDeleted(plan.Id, c.Id, plan.SubtreeOf(c.Id).Select(t => t.Id).ToList(), now)),
        ]);
    }
}
