using Marten;
using Orchestrator.Executor.Executions.GettingExecutions;

namespace Orchestrator.Executor.Executions.Completing;

/// <summary>Request body of the complete route: the task's result as the person states it.</summary>
public sealed record CompleteExecutionRequest(string? Result);

public static class CompleteExecutionEndpoint
{
    public static RouteGroupBuilder MapCompleteExecution(this RouteGroupBuilder executions)
    {
        executions.MapPost("/{taskId:guid}/complete", (Guid taskId, [Microsoft.AspNetCore.Mvc.FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CompleteExecutionRequest? body,
                IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
            ExecutionCommand.RunAsync(session, taskId, state => ExecutionDecisions.CompleteByPerson(state, body?.Result, clock.GetUtcNow()), ct))
        .WithName("CompleteExecution")
        .WithSummary("Marks an interactive task done, with an optional result.");
        return executions;
    }
}
