using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Executor.Executions.GettingExecutions;

namespace Orchestrator.Executor.Executions;

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
