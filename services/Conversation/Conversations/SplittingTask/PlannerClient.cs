using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.SplittingTask;

/// <summary>The Planner's answer: its body (the created tasks, or its problem details) and status.</summary>
public sealed record PlannerAnswer(int Status, JsonElement Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// Creates accepted child chats in the Planner (<c>POST /api/plans/{planId}/tasks/{taskId}/children</c>), which owns the tree and
/// checks it as it checks any tree edit. The proposal's id makes the call idempotent, so a retry never adds the children twice.
/// </summary>
public sealed class PlannerClient(HttpClient http)
{
    public const string ServiceAddress = "http://planner";

    private static readonly JsonSerializerOptions Json = ApiJson.Options;

    public async Task<PlannerAnswer> AddChildrenAsync(
        Guid planId, Guid parentId, Guid proposalId, IReadOnlyList<ProposedSubtask> subtasks, string? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/plans/{planId}/tasks/{parentId}/children")
        {
            Content = JsonContent.Create(new { proposalId, subtasks }, options: Json),
        };
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var body = text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
        return new PlannerAnswer((int)response.StatusCode, body);
    }
}
