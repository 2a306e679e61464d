using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Executor.Executions.GettingExecutions;

/// <summary>One execution as the API shows it.</summary>
public sealed record ExecutionView(
    Guid TaskId,
    Guid PlanId,
    ExecutionStatus Status,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long Tokens,
    int Turns,
    string? Question,
    string? Summary,
    string? LastError,
    decimal CostUsd)
{
    public static ExecutionView From(Execution e) =>
        new(e.Id, e.PlanId, e.Status, e.Attempts, e.StartedAt, e.CompletedAt, e.Tokens, e.TotalTurns, e.Question, e.Summary, e.LastError, e.CostUsd);
}

public static class GetExecutionsEndpoint
{
    public static RouteGroupBuilder MapGetExecutions(this RouteGroupBuilder executions)
    {
        executions.MapGet("/", async Task<Results<Ok<List<ExecutionView>>, ProblemHttpResult>> (Guid? planId, IQuerySession session, CancellationToken ct) =>
        {
            if (planId is not { } id)
            {
                return TypedResults.Problem("Query parameter 'planId' is required.", statusCode: StatusCodes.Status400BadRequest);
            }

            var found = await session.Query<Execution>().Where(e => e.PlanId == id).OrderBy(e => e.RegisteredAt).ToListAsync(ct);
            return TypedResults.Ok(found.Select(ExecutionView.From).ToList());
        })
        .WithName("GetExecutions")
        .WithSummary("The execution of every task of a plan: status, attempts, timings, tokens, cost.");
        return executions;
    }
}
