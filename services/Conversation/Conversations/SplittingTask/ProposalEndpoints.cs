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
        var stream = await session.Events.FetchForWriting<Conversation>(conversationId, ct);
        var (subtasks, problem) = ProposalDecisions.ToCreate(stream.Aggregate, proposalId, body?.Subtasks);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        var state = stream.Aggregate!;
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
        var decision = ProposalDecisions.Accept(state, proposalId, subtasks!, taskIds, clock.GetUtcNow());
        if (decision.Problem is { } refused)
        {
            return refused.ToResult();
        }

        // On a conflict the children exist already; accepting again finds them (the Planner's write is idempotent per proposal) and records it.
        return await SaveAsync(session, stream, decision, "accept it again", ct) is { } conflict ? conflict : TypedResults.Ok(answer.Body);
    }

    private static async Task<Results<Ok, ProblemHttpResult>> DismissAsync(
        Guid conversationId, Guid proposalId, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Conversation>(conversationId, ct);
        var decision = ProposalDecisions.Dismiss(stream.Aggregate, proposalId, clock.GetUtcNow());
        if (decision.Problem is { } problem)
        {
            return problem.ToResult();
        }

        return await SaveAsync(session, stream, decision, "dismiss the proposal again", ct) is { } conflict ? conflict : TypedResults.Ok();
    }

    /// <summary>Appends the decision on the version it was decided on; a concurrent change to the conversation is a 409 saying what to do.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(
        IDocumentSession session, JasperFx.Events.IEventStream<Conversation> stream, Decision decision, string retry, CancellationToken ct)
    {
        stream.AppendMany(decision.Events);
        try
        {
            await session.SaveChangesAsync(ct);
            return null;
        }
        catch (JasperFx.ConcurrencyException)
        {
            return TypedResults.Problem($"The conversation changed at the same moment: {retry}.", statusCode: StatusCodes.Status409Conflict);
        }
    }
}
