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

/// <summary>Runs a person's command on one execution through the shared write path: 404 for an unknown task, the decision's problem, or the new state.</summary>
public static class ExecutionCommand
{
    public static async Task<Results<Ok<ExecutionView>, ProblemHttpResult>> RunAsync(
        IDocumentSession session, Guid taskId, Func<Execution, Decision> decide, CancellationToken ct)
    {
        var stream = await ExecutionStream.OpenAsync(session, taskId, ct);
        var write = await session.WriteAsync(stream, state => state is null ? Decision.NotFound($"No execution is known for task {taskId}.") : decide(state), ct);
        return write.Respond(state => TypedResults.Ok(ExecutionView.From(state)));
    }
}
