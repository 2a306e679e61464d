using Marten;
using Orchestrator.Executor.Executions.GettingExecutions;

namespace Orchestrator.Executor.Executions.Retrying;

public static class RetryExecutionEndpoint
{
    public static RouteGroupBuilder MapRetryExecution(this RouteGroupBuilder executions)
    {
        executions.MapPost("/{taskId:guid}/retry", (Guid taskId, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
            ExecutionCommand.RunAsync(session, taskId, state => ExecutionDecisions.Retry(state, clock.GetUtcNow()), ct))
        .WithName("RetryExecution")
        .WithSummary("Runs a failed task again: the Planner readies a new attempt.");
        return executions;
    }
}
