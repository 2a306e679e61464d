using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;
using static Orchestrator.Planner.IntegrationTests.JsonApi;
using Xunit.Abstractions;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// A chat spawns chats, offline: in a running task's conversation the person asks to split, the simulated model proposes
/// child chats through <c>propose_subtasks</c>, the person accepts, and the children join the running plan, each with its
/// own conversation and brief; they run, the parent waits for them and combines their results, and the plan finishes.
/// Every service is real; the model is the simulator.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ChatSplitFlowTests(InfrastructureFixture fixture, ITestOutputHelper output)
    : WholeSystemTests(fixture, "chatsplit")
{
    [Fact]
    public async Task Asking_a_running_tasks_chat_to_split_creates_child_chats_that_run_and_feed_their_parent()
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request = "Add a checkout page to my online shop" });
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var checkout = await PostAsync(Planner, $"/api/plans/{planId}/tasks", new
        {
            parentId = rootId, title = "Build the checkout page", objective = "Build the checkout page: address form, payment choice and order summary.", mode = "interactive",
        });
        var taskId = Id(checkout);
        var conversationId = checkout["conversationId"]!.GetValue<Guid>();
        await PostAsync(Planner, $"/api/plans/{planId}/approve", new { });
        await Eventually.GetAsync(async () => TaskIn(await GetAsync(Planner, $"/api/plans/{planId}"), taskId)["status"]!.GetValue<string>() == "active" ? "" : null,
            TimeSpan.FromSeconds(30), "the interactive task to start");

        var asked = Stopwatch.StartNew();
        var (status, stream) = await SendAsync(conversationId, "Please split this into parts.");
        Assert.Equal(HttpStatusCode.OK, status);
        var part = Parts(stream).Single(p => p["type"]!.GetValue<string>() == "data-subtask-proposal")["data"]!;
        var proposalToShow = asked.Elapsed;
        var proposal = part["proposal"]!;
        var proposalId = proposal["id"]!.GetValue<Guid>();
        Assert.Equal("open", proposal["status"]!.GetValue<string>());
        var proposed = proposal["subtasks"]!.AsArray().Select(s => s!).ToList();
        Assert.True(proposed.Count >= 2, $"expected at least two child chats, got {proposed.Count}");
        Assert.Contains(proposed, s => s["dependsOn"]!.AsArray().Count > 0);

        var shown = await GetAsync(Conversation, $"/api/conversations/{conversationId}");
        var carrier = shown["messages"]!.AsArray().Single(m => m!["proposal"] is JsonObject)!;
        Assert.Equal(part["messageId"]!.GetValue<Guid>(), Id(carrier));
        Assert.Equal(proposalId, carrier["proposal"]!["id"]!.GetValue<Guid>());
        Assert.False(string.IsNullOrWhiteSpace(carrier["content"]!.GetValue<string>()));

        // Bad edits are refused with a problem that says what to fix, and nothing is stored anywhere. The reply's cost reaches
        // the task on its own, a moment after the reply: the plan is compared from then on.
        var before = await Eventually.GetAsync(async () =>
        {
            var now = await GetAsync(Planner, $"/api/plans/{planId}");
            return TaskIn(now, taskId)["cost"]!["tokens"]!.GetValue<long>() > 0 ? now : null;
        }, TimeSpan.FromSeconds(30), "the reply's cost to reach its task");
        await AssertRefusedAsync(conversationId, proposalId, new { subtasks = new[] { new { key = "a", title = "A", objective = "Do A.", mode = "sideways", dependsOn = Array.Empty<string>(), expectedOutputs = Array.Empty<string>() } } },
            HttpStatusCode.BadRequest, "mode");
        await AssertRefusedAsync(conversationId, proposalId, new
        {
            subtasks = new[]
            {
                new { key = "a", title = "A", objective = "Do A.", mode = "autonomous", dependsOn = new[] { "b" }, expectedOutputs = Array.Empty<string>() },
                new { key = "b", title = "B", objective = "Do B.", mode = "autonomous", dependsOn = new[] { "a" }, expectedOutputs = Array.Empty<string>() },
            },
        }, HttpStatusCode.BadRequest, "cycle");
        await AssertRefusedAsync(conversationId, proposalId, new
        {
            subtasks = new[] { new { key = "a", title = " ", objective = "Do A.", mode = "autonomous", dependsOn = Array.Empty<string>(), expectedOutputs = Array.Empty<string>() } },
        }, HttpStatusCode.BadRequest, "title");
        Assert.Equal(before["version"]!.GetValue<long>(), (await GetAsync(Planner, $"/api/plans/{planId}"))["version"]!.GetValue<long>());
        Assert.Equal("open", (await ProposalAsync(conversationId, proposalId))["status"]!.GetValue<string>());

        var accepting = Stopwatch.StartNew();
        var accepted = await PostAsync(Conversation, $"/api/conversations/{conversationId}/proposals/{proposalId}/accept", new { });
        var children = accepted["tasks"]!.AsArray().Select(t => t!).ToList();
        var childIds = children.Select(Id).ToList();
        Assert.Equal(proposed.Count, children.Count);
        Assert.Equal(taskId, accepted["parentId"]!.GetValue<Guid>());
        var grown = await GetAsync(Planner, $"/api/plans/{planId}");
        var acceptToTree = accepting.Elapsed;
        Assert.All(childIds, id => Assert.Equal(taskId, TaskIn(grown, id)["parentId"]!.GetValue<Guid>()));
        Assert.Equal(proposed.Select(p => p["title"]!.GetValue<string>()).Order(), children.Select(c => c["title"]!.GetValue<string>()).Order());
        Assert.Contains(children, c => c["dependsOn"]!.AsArray().Count > 0 && c["dependsOn"]!.AsArray().All(d => childIds.Contains(d!.GetValue<Guid>())));

        // The parent's own run ends (its attempt in the Executor is stopped): its work goes on in the children.
        await Eventually.GetAsync(async () => (await GetNodeAsync(Executor, $"/api/executions?planId={planId}")).AsArray()
            .Any(e => e!["taskId"]!.GetValue<Guid>() == taskId && e["status"]!.GetValue<string>() == "cancelled") ? "" : null,
            TimeSpan.FromSeconds(20), "the parent's own run to stop");

        var again = await Conversation.PostAsJsonAsync($"/api/conversations/{conversationId}/proposals/{proposalId}/accept", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("accepted", (await ProposalAsync(conversationId, proposalId))["status"]!.GetValue<string>());

        // Each child has its own conversation with one consolidated brief.
        foreach (var child in children)
        {
            var childConversation = await Eventually.GetAsync(async () =>
            {
                using var response = await Conversation.GetAsync(new Uri($"/api/conversations/{child["conversationId"]!.GetValue<Guid>()}", UriKind.Relative));
                return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
            }, TimeSpan.FromSeconds(20), $"the conversation of '{child["title"]}'");
            Assert.Equal(Id(child), childConversation["taskId"]!.GetValue<Guid>());
            Assert.Contains("Build the checkout page", childConversation["brief"]!.GetValue<string>(), StringComparison.Ordinal);
            // Its context is its own: none of the parent's transcript (an autonomous child may have started already).
            Assert.DoesNotContain(childConversation["messages"]!.AsArray(), m => m!["content"]!.GetValue<string>().Contains("split this into parts", StringComparison.OrdinalIgnoreCase));
        }

        // The children run; the parent waits for them, then completes with their combined results, and so does the plan.
        var answered = new HashSet<Guid>();
        var completedByPerson = new HashSet<Guid>();
        var finished = await Eventually.GetAsync(async () =>
        {
            var now = await GetAsync(Planner, $"/api/plans/{planId}");
            var parentDone = TaskIn(now, taskId)["status"]!.GetValue<string>() == "completed";
            Assert.False(parentDone && childIds.Any(c => TaskIn(now, c)["status"]!.GetValue<string>() != "completed"), "the parent completed while a child was open");
            foreach (var child in childIds.Select(c => TaskIn(now, c)))
            {
                var status = child["status"]!.GetValue<string>();
                if (status == "awaiting-input" && answered.Add(Id(child)))
                {
                    var (answerStatus, _) = await SendAsync(child["conversationId"]!.GetValue<Guid>(), "Take the simplest approach.");
                    Assert.Equal(HttpStatusCode.OK, answerStatus);
                }

                if (status == "active" && child["mode"]!.GetValue<string>() == "interactive" && completedByPerson.Add(Id(child)))
                {
                    using var done = await Executor.PostAsJsonAsync($"/api/executions/{Id(child)}/complete", new { result = "Decided with the person." });
                    Assert.True(done.IsSuccessStatusCode, $"complete: {(int)done.StatusCode} {await done.Content.ReadAsStringAsync()}");
                }
            }

            return now["status"]!.GetValue<string>() is "completed" or "failed" ? now : null;
        }, TimeSpan.FromMinutes(2), "the grown plan to finish");

        Assert.Equal("completed", finished["status"]!.GetValue<string>());
        Assert.All(childIds, id => Assert.Equal("completed", TaskIn(finished, id)["status"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(TaskIn(finished, taskId)["result"]?.GetValue<string>()));
        var history = (await GetNodeAsync(Planner, $"/api/plans/{planId}/history")).AsArray().Select(e => e!).ToList();
        var parentCompleted = history.Single(e => e["type"]!.GetValue<string>() == "task-completed" && e["data"]!["taskId"]!.GetValue<Guid>() == taskId)["version"]!.GetValue<long>();
        Assert.All(childIds, id => Assert.True(
            history.Single(e => e["type"]!.GetValue<string>() == "task-completed" && e["data"]!["taskId"]!.GetValue<Guid>() == id)["version"]!.GetValue<long>() < parentCompleted,
            "the parent completed before one of its children"));
        output.WriteLine($"ask to split → proposal: {proposalToShow.TotalMilliseconds:0} ms; accept → children in the plan: {acceptToTree.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_proposal_in_the_roots_chat_can_be_dismissed_once_and_creates_nothing()
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request = "Plan a team offsite with travel, venue and agenda" });
        var planId = plan["id"]!.GetValue<Guid>();
        var conversationId = plan["tasks"]![0]!["conversationId"]!.GetValue<Guid>();
        await Eventually.GetAsync(async () =>
        {
            using var response = await Conversation.GetAsync(new Uri($"/api/conversations/{conversationId}", UriKind.Relative));
            return response.IsSuccessStatusCode ? "" : null;
        }, TimeSpan.FromSeconds(20), "the root's conversation");

        var (status, stream) = await SendAsync(conversationId, "Can you break this down into child chats?");
        Assert.Equal(HttpStatusCode.OK, status);
        var proposalId = Parts(stream).Single(p => p["type"]!.GetValue<string>() == "data-subtask-proposal")["data"]!["proposal"]!["id"]!.GetValue<Guid>();

        using var dismissed = await Conversation.PostAsync(new Uri($"/api/conversations/{conversationId}/proposals/{proposalId}/dismiss", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal("dismissed", (await ProposalAsync(conversationId, proposalId))["status"]!.GetValue<string>());
        await AssertRefusedAsync(conversationId, proposalId, new { }, HttpStatusCode.Conflict, "dismissed");
        using var unknown = await Conversation.PostAsync(new Uri($"/api/conversations/{conversationId}/proposals/{Guid.NewGuid()}/dismiss", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Single((await GetAsync(Planner, $"/api/plans/{planId}"))["tasks"]!.AsArray());

        var (plainStatus, plain) = await SendAsync(conversationId, "What should the agenda cover?");
        Assert.Equal(HttpStatusCode.OK, plainStatus);
        Assert.DoesNotContain(Parts(plain), p => p["type"]!.GetValue<string>() == "data-subtask-proposal");
    }

    private async Task AssertRefusedAsync(Guid conversationId, Guid proposalId, object body, HttpStatusCode expected, string detailMentions)
    {
        using var response = await Conversation.PostAsJsonAsync($"/api/conversations/{conversationId}/proposals/{proposalId}/accept", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detailMentions, JsonNode.Parse(text)!["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<JsonNode> ProposalAsync(Guid conversationId, Guid proposalId) =>
        (await GetAsync(Conversation, $"/api/conversations/{conversationId}"))["messages"]!.AsArray()
            .Select(m => m!["proposal"]).OfType<JsonObject>().Single(p => p["id"]!.GetValue<Guid>() == proposalId);

    private async Task<(HttpStatusCode Status, string Stream)> SendAsync(Guid conversationId, string content)
    {
        using var response = await Conversation.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { content });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static List<JsonNode> Parts(string stream) =>
        stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => e.StartsWith("data: {", StringComparison.Ordinal))
            .Select(e => JsonNode.Parse(e["data: ".Length..])!)
            .ToList();
}
