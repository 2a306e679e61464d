using Marten;
using MassTransit;
using Orchestrator.Contracts.Conversations;

namespace Orchestrator.Planner.Plans.Costing;

/// <summary>What a model call made for a task outside its runs adds to the task's cost.</summary>
public static class TaskCallsCostDecision
{
    public static Decision Decide(Plan plan, ConversationCallCostedIntegrationEvent call)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(call);
        if (plan.Find(call.TaskId) is null)
        {
            return Decision.NotFound($"Task {call.TaskId} is not in plan {plan.Id}.");
        }

        return Decision.Accept(new TaskCallsCosted(
            plan.Id, call.TaskId, call.Purpose, (long)call.PromptTokens + call.CompletionTokens, call.CostUsd, call.At, call.CallId));
    }
}

/// <summary>
/// Adds what a task's chat with the person and its recaps cost to the task, once per call however often it is delivered
/// (an autonomous turn's cost arrives with the task's completion instead).
/// </summary>
public sealed class ConversationCallCostedConsumer(
    IDocumentStore store, TimeProvider clock, StreamGate gate, ILogger<ConversationCallCostedConsumer> logger)
    : IdempotentConsumer<ConversationCallCostedIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(ConversationCallCostedIntegrationEvent message) => message.PlanId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<ConversationCallCostedIntegrationEvent> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var call = context.Message;
        var write = await new PlanWriter(session, clock, gate).AppendAsync(call.PlanId, plan => TaskCallsCostDecision.Decide(plan, call), context.CancellationToken);
        if (write.Problem is { } problem)
        {
            // A deleted task or plan has no cost to keep; the call stays counted for its prompt version.
            logger.LogInformation("The cost of a {Purpose} call was not added to task {TaskId}: {Problem}", call.Purpose, call.TaskId, problem.Detail);
        }
    }
}
