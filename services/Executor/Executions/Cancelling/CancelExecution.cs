using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;
using Orchestrator.Executor.Executions.GettingExecutions;

namespace Orchestrator.Executor.Executions.Cancelling;

/// <summary>The Planner cancelled the task (or its plan): it stops, and late turn results are ignored.</summary>
public sealed class TaskCancelledConsumer(IDocumentStore store, TimeProvider clock, ILogger<TaskCancelledConsumer> logger)
    : IdempotentConsumer<TaskCancelledIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(TaskCancelledIntegrationEvent message) => message.TaskId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<TaskCancelledIntegrationEvent> context)
    {
        var cancelled = context.Message;
        await ExecutionStream.AppendAsync(session, cancelled.TaskId, state => state switch
        {
            // Cancelled before it was ever readied: remember it, so a late "ready" does not start it.
            null => [new ExecutionRegistered(cancelled.TaskId, cancelled.PlanId, clock.GetUtcNow()), new ExecutionCancelled(cancelled.TaskId, cancelled.PlanId, cancelled.Reason, false, clock.GetUtcNow())],
            _ => ExecutionDecisions.Cancel(state, cancelled.Reason, false, clock.GetUtcNow()).Events,
        }, context.CancellationToken);
    }
}

/// <summary>Request body of the cancel route.</summary>
public sealed record CancelExecutionRequest(string? Reason);

public static class CancelExecutionEndpoint
{
    public static RouteGroupBuilder MapCancelExecution(this RouteGroupBuilder executions)
    {
        executions.MapPost("/{taskId:guid}/cancel", (Guid taskId, [Microsoft.AspNetCore.Mvc.FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CancelExecutionRequest? body,
                IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
            ExecutionCommand.RunAsync(session, taskId, state => ExecutionDecisions.Cancel(state, string.IsNullOrWhiteSpace(body?.Reason) ? "Cancelled by the person." : body.Reason.Trim(), true, clock.GetUtcNow()), ct))
        .WithName("CancelExecution")
        .WithSummary("Cancels a task's execution: its running turns stop and nothing new starts for it.");
        return executions;
    }
}
