using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Contracts.Planning;
using Orchestrator.ModelAccess;
using Orchestrator.Testing;

namespace Orchestrator.Benchmarks.Conversation;

/// <summary>
/// Prompt tokens per model call for a 20-task workflow: each task in its own conversation with its brief and
/// the results of its dependencies (the product's way), against the same 20 briefs given one after another in
/// one long conversation (the baseline). Both are counted with the same o200k tokenizer over the requests the
/// simulator received.
/// </summary>
public static class PromptTokens
{
    private const int Tasks = 20;

    private static readonly string[] Topics =
    [
        "product catalogue", "shopping cart", "coupon rules", "tax calculation", "checkout form", "payment capture", "order history",
        "email receipts", "inventory sync", "shipping rates", "address validation", "refund flow", "admin dashboard", "search index",
        "product reviews", "wish lists", "currency display", "access control", "audit log", "load tests",
    ];

    public static async Task RunAsync(BenchmarkSystem system, CancellationToken ct)
    {
        var counter = TiktokenCounter.ForModel("orchestrator-simulator");
        var planId = Guid.NewGuid();
        var briefs = Enumerable.Range(0, Tasks).Select(Brief).ToList();

        // Isolated: one conversation per task, its brief plus the results of the (up to two) tasks it depends on.
        var replies = new Dictionary<int, string>();
        var completed = new TaskCompletionSource<ConversationTurnCompletedIntegrationEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new System.Collections.Concurrent.ConcurrentDictionary<Guid, ConversationTurnCompletedIntegrationEvent>();
        var listener = system.Bus.ConnectReceiveEndpoint($"bench-{Guid.NewGuid():N}", e => e.Handler<ConversationTurnCompletedIntegrationEvent>(c =>
        {
            heard[c.Message.TurnId] = c.Message;
            return Task.CompletedTask;
        }));
        await listener.Ready;
        var isolatedMarkers = new List<string>();
        for (var i = 0; i < Tasks; i++)
        {
            var task = await system.OpenTaskAsync($"Task {i + 1}: {Topics[i]}", briefs[i], planId, TaskExecutionMode.Autonomous, ct);
            var inputs = Enumerable.Range(Math.Max(0, i - 2), Math.Min(i, 2))
                .Select(d => new TaskInput(Guid.NewGuid(), $"Task {d + 1}: {Topics[d]}", replies[d], TaskInputSource.Dependency)).ToList();
            await system.Bus.Publish(new TaskReadyIntegrationEvent(planId, task.TaskId, task.ConversationId, task.Title, task.Brief, task.Mode, task.ExpectedOutputs, inputs, 1, DateTimeOffset.UtcNow), ct);
            await Eventually.GetAsync(async () =>
            {
                var view = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/conversations/{task.ConversationId}", ct);
                return view.GetProperty("inputs").GetArrayLength() == inputs.Count ? "" : null;
            }, TimeSpan.FromSeconds(60), "the inputs to be declared");

            var turn = new RunConversationTurn(Guid.NewGuid(), task.ConversationId, task.TaskId, planId, null, false, DateTimeOffset.UtcNow);
            var endpoint = await system.Bus.GetSendEndpoint(new Uri("queue:conversation-run-conversation-turn"));
            await endpoint.Send(turn, ct);
            var outcome = await Eventually.GetAsync(() => Task.FromResult(heard.GetValueOrDefault(turn.TurnId)), TimeSpan.FromSeconds(60), "the turn to complete");
            replies[i] = outcome.Reply;
            isolatedMarkers.Add(briefs[i]);
        }

        await listener.StopAsync(ct);

        // Baseline: the same briefs, one per message, in one conversation that keeps everything.
        var single = await system.OpenTaskAsync("Whole workflow", "Carry out the tasks given in the messages, one after another.", planId, TaskExecutionMode.Interactive, ct);
        foreach (var brief in briefs)
        {
            using var response = await system.Gateway.PostAsJsonAsync($"/api/conversations/{single.ConversationId}/messages", new { content = brief }, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync(ct);
        }

        var requests = await system.ModelRequestsAsync(ct);
        int Tokens(RecordedRequest r) => counter.Count(r.Messages.Select(m => new ModelMessage(Role(m.Role), m.Content)).ToList());
        var isolated = isolatedMarkers.Select(b => requests.Last(r => r.Messages[0].Content.Contains(b, StringComparison.Ordinal))).Select(Tokens).ToList();
        var baseline = requests.Where(r => r.Messages[0].Content.Contains("Carry out the tasks given in the messages", StringComparison.Ordinal)).Select(Tokens).ToList();

        Console.WriteLine();
        Console.WriteLine($"Prompt tokens per model call, {Tasks}-task workflow ({counter.Encoding})   calls   mean   median    max   total");
        Print("isolated conversations (brief + declared inputs)", isolated);
        Print("one long conversation (baseline)", baseline);
        Console.WriteLine($"  baseline / isolated, mean tokens per call: {baseline.Average() / isolated.Average():0.00}x; total: {(double)baseline.Sum() / isolated.Sum():0.00}x");
    }

    private static string Brief(int i) =>
        $"Task {i + 1}: build the {Topics[i]} of the online bookshop. Write the code and its unit tests, follow the existing project layout, " +
        $"keep the public API small, validate every input at the edge and return problem details on bad input. The {Topics[i]} must handle " +
        "concurrent requests safely, log what it does without personal data, and come with a short README section that explains how to use it " +
        "and what its limits are. Deliver the code, the tests and the README section.";

    private static ModelRole Role(string role) => role switch
    {
        "system" => ModelRole.System,
        "assistant" => ModelRole.Assistant,
        _ => ModelRole.User,
    };

    private static void Print(string label, List<int> tokens) =>
        Console.WriteLine($"  {label,-62} {tokens.Count,5} {tokens.Average(),6:0} {tokens.Order().ElementAt(tokens.Count / 2),8} {tokens.Max(),6} {tokens.Sum(),7}");
}
