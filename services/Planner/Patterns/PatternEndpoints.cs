using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Planner.Plans;

namespace Orchestrator.Planner.Patterns;

/// <summary>A pattern in the gallery's list.</summary>
public sealed record PatternSummary(Guid Id, string Title, string Request, int TaskCount, int Uses, int Successes, double? SuccessRate, PatternOrigin Origin, DateTimeOffset CreatedAt)
{
    public static PatternSummary From(Pattern p) => new(p.Id, p.Title, p.Request, p.Tasks.Length, p.Uses, p.Successes, p.SuccessRate, p.Origin, p.CreatedAt);
}

/// <summary>A pattern with its tree.</summary>
public sealed record PatternView(
    Guid Id, string Title, string Request, int TaskCount, int Uses, int Successes, double? SuccessRate, PatternOrigin Origin, DateTimeOffset CreatedAt,
    Guid SourcePlanId, IReadOnlyList<PatternTask> Tasks)
{
    public static PatternView From(Pattern p) =>
        new(p.Id, p.Title, p.Request, p.Tasks.Length, p.Uses, p.Successes, p.SuccessRate, p.Origin, p.CreatedAt, p.SourcePlanId, p.Tasks);
}

public static class PatternEndpoints
{
    public const int MaxQueryLength = 2_000;

    /// <summary>Maps the gallery's routes under <c>/api/patterns</c>, and saving a plan as a pattern under <c>/api/plans</c>.</summary>
    public static WebApplication MapPatternsApi(this WebApplication app)
    {
        var patterns = app.MapGroup("/api/patterns").WithTags("Patterns");
        patterns.MapGet("/", async Task<Results<Ok<List<PatternSummary>>, ProblemHttpResult>> (string? query, int? limit, IQuerySession session, CancellationToken ct) =>
        {
            if (query is { Length: > MaxQueryLength })
            {
                return TypedResults.Problem($"'query' has {query.Length} characters; the limit is {MaxQueryLength}.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (limit is < 1 or > 500)
            {
                return TypedResults.Problem("'limit' must be between 1 and 500.", statusCode: StatusCodes.Status400BadRequest);
            }

            IReadOnlyList<Pattern> found = string.IsNullOrWhiteSpace(query)
                ? await session.Query<Pattern>().Where(p => !p.Removed).OrderByDescending(p => p.CreatedAt).Take(limit ?? 100).ToListAsync(ct)
                : await PatternSearch.FindAsync(session, query, limit ?? 20, ct);
            return TypedResults.Ok(found.Select(PatternSummary.From).ToList());
        })
        .WithName("ListPatterns")
        .WithSummary("The gallery of proven plans; with ?query=, the best matches first (PostgreSQL full-text search).");

        patterns.MapGet("/{patternId:guid}", async Task<Results<Ok<PatternView>, ProblemHttpResult>> (Guid patternId, IQuerySession session, CancellationToken ct) =>
            await session.LoadAsync<Pattern>(patternId, ct) is { Removed: false } pattern
                ? TypedResults.Ok(PatternView.From(pattern))
                : TypedResults.Problem($"Pattern {patternId} is not in the gallery.", statusCode: StatusCodes.Status404NotFound))
        .WithName("GetPattern")
        .WithSummary("A pattern with its tree.");

        patterns.MapDelete("/{patternId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid patternId, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            var stream = await PatternStream.OpenAsync(session, patternId, ct);
            var write = await session.WriteAsync(stream, p => PatternDecisions.Remove(p, patternId, clock.GetUtcNow()), ct);
            return write.Problem is { } problem ? problem.ToResult() : TypedResults.NoContent();
        })
        .WithName("RemovePattern")
        .WithSummary("Removes a pattern from the gallery; plans based on it keep naming it.");

        app.MapPost("/api/plans/{planId:guid}/save-as-pattern", async Task<Results<Created<PatternView>, ProblemHttpResult>> (
            Guid planId, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            if (await PlanStorage.LoadAsync(session, planId, ct) is not { } plan)
            {
                return TypedResults.Problem($"Plan {planId} does not exist.", statusCode: StatusCodes.Status404NotFound);
            }

            var stream = await PatternStream.OpenAsync(session, PatternDecisions.IdFor(planId), ct);
            var write = await session.WriteAsync(stream, p => PatternDecisions.Save(p, plan, PatternOrigin.Saved, clock.GetUtcNow()), ct);
            return write.Problem is { } problem
                ? problem.ToResult()
                : TypedResults.Created($"/api/patterns/{write.State!.Id}", PatternView.From(write.State));
        })
        .WithTags("Patterns")
        .WithName("SaveAsPattern")
        .WithSummary("Saves a plan's request and tree in the gallery of proven plans.");
        return app;
    }
}
