using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Planner.Patterns;
using Orchestrator.Planner.Plans.Decomposing;

namespace Orchestrator.Planner.Plans.CreatingPlan;

public sealed record CreatePlanRequest(string? Request, string? Title, Guid? PatternId = null);

public sealed record CreatePlan(Guid PlanId, string Request, string? Title, Guid RootTaskId, Guid RootConversationId, DateTimeOffset Now, Guid? PatternId = null);

public static class CreatePlanDecision
{
    public const int MaxRequestLength = 20_000;
    public const int MaxTitleLength = 200;

    /// <summary>Decides the events that create a plan, or the reason the request is refused.</summary>
    public static Decision Decide(Plan state, CreatePlan command)
    {
        if (state.Exists)
        {
            return Decision.Conflict($"Plan {command.PlanId} already exists.");
        }

        var request = command.Request.Trim();
        if (request.Length == 0)
        {
            return Decision.Invalid("'request' is empty: describe what the plan should achieve.");
        }

        if (request.Length > MaxRequestLength)
        {
            return Decision.Invalid($"'request' has {request.Length} characters; the limit is {MaxRequestLength}.");
        }

        var title = string.IsNullOrWhiteSpace(command.Title) ? TitleFrom(request) : command.Title.Trim();
        if (title.Length > MaxTitleLength)
        {
            return Decision.Invalid($"'title' has {title.Length} characters; the limit is {MaxTitleLength}.");
        }

        return Decision.Accept(new PlanCreated(command.PlanId, title, request, command.RootTaskId, command.RootConversationId, command.Now, command.PatternId));
    }

    /// <summary>A short title from the first line of the request.</summary>
    public static string TitleFrom(string request)
    {
        var firstLine = request.Split('\n', 2)[0].Trim();
        return firstLine.Length <= 80 ? firstLine : string.Concat(firstLine.AsSpan(0, 77).TrimEnd(), "…");
    }
}

public static class CreatePlanEndpoint
{
    public static RouteGroupBuilder MapCreatePlan(this RouteGroupBuilder plans)
    {
        plans.MapPost("/", async Task<Results<Created<PlanView>, ProblemHttpResult>> (
            CreatePlanRequest body, IDocumentSession session, TimeProvider clock, Decomposer decomposer, PlanWriter writer, ILoggerFactory loggers, CancellationToken ct) =>
        {
            if (body.PatternId is { } patternId && await session.LoadAsync<Pattern>(patternId, ct) is not { Removed: false })
            {
                return TypedResults.Problem($"'patternId' {patternId} names no pattern in the gallery.", statusCode: StatusCodes.Status400BadRequest);
            }

            var command = new CreatePlan(Guid.CreateVersion7(), body.Request ?? "", body.Title, Guid.CreateVersion7(), Guid.CreateVersion7(), clock.GetUtcNow(), body.PatternId);
            var decision = CreatePlanDecision.Decide(Plan.Initial, command);
            if (decision.Problem is { } problem)
            {
                return problem.ToResult();
            }

            var plan = decision.Events.Aggregate(Plan.Initial, PlanEvolution.Evolve) with { Version = decision.Events.Count };
            session.Events.StartStream<Plan>(command.PlanId, decision.Events);
            PlanStorage.Record(session, null, plan);
            await session.SaveChangesAsync(ct);
            if (plan.StartPatternId is not null)
            {
                // Started from a pattern: the root's decomposition adapts it now, so the plan arrives with its tree proposed.
                // Should the model fail, the plan stays a draft the person can decompose again.
                plan = await AdaptPatternAsync(plan, decomposer, writer, loggers, ct) ?? plan;
            }

            return TypedResults.Created($"/api/plans/{plan.Id}", PlanView.From(plan));
        })
        .WithName("CreatePlan")
        .WithSummary("Creates a plan from a request; its root task gets its own conversation. With patternId, the pattern's tree is adapted to the request.");
        return plans;
    }

    private static async Task<Plan?> AdaptPatternAsync(Plan plan, Decomposer decomposer, PlanWriter writer, ILoggerFactory loggers, CancellationToken ct)
    {
        var rootId = plan.Root.Id;
        var outcome = await decomposer.ProposeAsync(plan, rootId, null, ct);
        if (outcome.Proposal is not { } proposal)
        {
            loggers.CreateLogger(typeof(CreatePlanEndpoint)).LogWarning("Plan {PlanId} could not adapt pattern {PatternId}: {Error}", plan.Id, plan.StartPatternId, outcome.Error);
            return null;
        }

        var write = await writer.WriteAsync(plan.Id, null, p => DecompositionDecision.Decide(p,
            new ProposeDecomposition(rootId, proposal, outcome.PromptVersionId, outcome.Attempts, Guid.CreateVersion7, writer.Now)
            {
                Patterns = outcome.Patterns,
                Cost = outcome.Cost,
            }), ct);
        return write.State;
    }
}
