using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.SplittingTask;

/// <summary>The person's edited version of a proposal; without it the model's proposal is created as it is.</summary>
public sealed record AcceptProposalRequest(IReadOnlyList<ProposedSubtask>? Subtasks);

/// <summary>
/// <c>POST …/proposals/{proposalId}/accept</c> creates the proposed child chats under the conversation's task through the
/// Planner, then records the acceptance; <c>…/dismiss</c> records that the person declined. A refusal by the Planner (a
/// bad title, a cycle, a task that can no longer grow, a stale <c>If-Match</c>) comes back as its problem, and nothing is recorded.
/// </summary>
public static class ProposalEndpoints
{
    public static RouteGroupBuilder MapProposals(this RouteGroupBuilder conversations)
    {
        conversations.MapPost("/{conversationId:guid}/proposals/{proposalId:guid}/accept", AcceptAsync)
            .WithName("AcceptProposal")
            .WithSummary("Creates the proposed child chats (optionally as edited) as subtasks of the conversation's task.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        conversations.MapPost("/{conversationId:guid}/proposals/{proposalId:guid}/dismiss", DismissAsync)
            .WithName("DismissProposal")
            .WithSummary("Dismisses a proposal to split the task; nothing is created.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return conversations;
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> AcceptAsync(
        Guid conversationId, Guid proposalId, AcceptProposalRequest? body, HttpRequest request, IDocumentStore store, PlannerClient planner,
        TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await ConversationStream.OpenAsync(session, conversationId, ct);
        var (subtasks, problem) = ProposalDecisions.ToCreate(stream.State, proposalId, body?.Subtasks);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var state = stream.State!;
        PlannerAnswer answer;
        try
        {
            answer = await planner.AddChildrenAsync(state.PlanId, state.TaskId, proposalId, subtasks!, request.Headers.IfMatch.ToString(), ct);
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem("The Planner could not be reached to create the child chats: try again in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Planner unavailable");
        }

        if (!answer.Succeeded)
        {
            var detail = answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return TypedResults.Problem(detail ?? "The Planner refused the child chats.", statusCode: answer.Status,
                title: answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("title", out var t) ? t.GetString() : null);
        }

        var taskIds = answer.Body.GetProperty("tasks").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        // On a conflict the children exist already; accepting again finds them (the Planner's write is idempotent per proposal) and records it.
        var write = await session.WriteAsync(stream, current => ProposalDecisions.Accept(current, proposalId, subtasks!, taskIds, clock.GetUtcNow()), ct);
        return write.Respond(_ => TypedResults.Ok(answer.Body));
    }

    private static async Task<Results<Ok, ProblemHttpResult>> DismissAsync(
        Guid conversationId, Guid proposalId, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await ConversationStream.OpenAsync(session, conversationId, ct);
        var write = await session.WriteAsync(stream, current => ProposalDecisions.Dismiss(current, proposalId, clock.GetUtcNow()), ct);
        return write.Respond(_ => TypedResults.Ok());
    }
}
