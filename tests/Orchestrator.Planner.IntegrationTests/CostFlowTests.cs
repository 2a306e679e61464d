using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;
using static Orchestrator.Planner.IntegrationTests.JsonApi;
using Xunit.Abstractions;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// What a plan cost, with every service real and a priced model: the simulator served as an OpenAI-compatible model named
/// in the price table. Each reply records its input and output tokens and cost, each task the sum of its replies, the plan
/// the sum of its tasks.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CostFlowTests(InfrastructureFixture fixture, ITestOutputHelper output) : WholeSystemTests(fixture, "cost")
{
    private const string PricedModel = "priced-test-model";
    private const decimal InputPerMillion = 3m;
    private const decimal OutputPerMillion = 15m;

    protected override IReadOnlyDictionary<string, string?> ServiceSettings(string simulatorAddress) => new Dictionary<string, string?>
    {
        ["Orchestrator:Model:Provider"] = "openai-compatible",
        ["Orchestrator:Model:Endpoint"] = simulatorAddress + "/v1",
        ["Orchestrator:Model:Model"] = PricedModel,
        ["Orchestrator:Model:MaxRetries"] = "0",
        [$"Orchestrator:Model:Prices:{PricedModel}:InputPerMillion"] = "3",
        [$"Orchestrator:Model:Prices:{PricedModel}:OutputPerMillion"] = "15",
    };

    [Fact]
    public async Task A_finished_plan_shows_what_each_reply_each_task_and_the_whole_plan_cost()
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request = "Write release notes for version 2", title = "Costed plan" });
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var first = Id(await PostAsync(Planner, $"/api/plans/{planId}/tasks", new { parentId = rootId, title = "List the changes", objective = "List the changes since version 1.", mode = "autonomous" }));
        var second = Id(await PostAsync(Planner, $"/api/plans/{planId}/tasks", new { parentId = rootId, title = "Write the notes", objective = "Write the release notes from the list.", mode = "autonomous", dependsOn = new[] { first } }));
        await PostAsync(Planner, $"/api/plans/{planId}/approve", new { });

        var finished = await Eventually.GetAsync(async () =>
        {
            var now = await GetAsync(Planner, $"/api/plans/{planId}");
            return now["status"]!.GetValue<string>() is "completed" or "failed" ? now : null;
        }, TimeSpan.FromMinutes(2), "the plan to finish");
        output.WriteLine(finished.ToJsonString());
        Assert.Equal("completed", finished["status"]!.GetValue<string>());

        var executions = (await GetNodeAsync(Executor, $"/api/executions?planId={planId}")).AsArray().Select(e => e!).ToList();
        foreach (var taskId in new[] { first, second })
        {
            var task = TaskIn(finished, taskId);
            var conversation = await GetAsync(Conversation, $"/api/conversations/{task["conversationId"]!.GetValue<Guid>()}");
            var replies = conversation["messages"]!.AsArray().Select(m => m!).Where(m => m["role"]!.GetValue<string>() == "assistant").ToList();
            Assert.NotEmpty(replies);
            foreach (var reply in replies)
            {
                var (input, outputTokens) = (reply["inputTokens"]!.GetValue<int>(), reply["outputTokens"]!.GetValue<int>());
                Assert.True(input > 0 && outputTokens > 0, $"a reply without tokens: {reply.ToJsonString()}");
                Assert.Equal(Expected(input, outputTokens), reply["costUsd"]!.GetValue<decimal>());
            }

            // The task's cost is the sum of its replies', as the Executor counted them.
            var usd = replies.Sum(r => r["costUsd"]!.GetValue<decimal>());
            var tokens = replies.Sum(r => (long)r["inputTokens"]!.GetValue<int>() + r["outputTokens"]!.GetValue<int>());
            Assert.True(usd > 0m);
            Assert.Equal(tokens, task["cost"]!["tokens"]!.GetValue<long>());
            Assert.Equal(usd, task["cost"]!["usd"]!.GetValue<decimal>());
            var execution = executions.Single(e => e["taskId"]!.GetValue<Guid>() == taskId);
            Assert.Equal(usd, execution["costUsd"]!.GetValue<decimal>());
        }

        // The root ran no turn of its own: its cost is the model call that combined its subtasks' results.
        var root = TaskIn(finished, rootId);
        Assert.True(root["cost"]!["usd"]!.GetValue<decimal>() > 0m, "the aggregation's cost is missing");

        var tasks = finished["tasks"]!.AsArray().Select(t => t!).ToList();
        Assert.Equal(tasks.Sum(t => t["cost"]!["usd"]!.GetValue<decimal>()), finished["cost"]!["usd"]!.GetValue<decimal>());
        Assert.Equal(tasks.Sum(t => t["cost"]!["tokens"]!.GetValue<long>()), finished["cost"]!["tokens"]!.GetValue<long>());

        // Every model call of the plan was made with a prompt version, so the versions' costs add up to the plan's.
        var planUsd = finished["cost"]!["usd"]!.GetValue<decimal>();
        var versionsUsd = await Eventually.GetAsync(async () =>
        {
            var (listed, detailed) = (0m, 0m);
            foreach (var template in (await GetNodeAsync(Analytics, "/api/prompts")).AsArray().Select(t => t!))
            {
                listed += template["versions"]!.AsArray().Sum(v => v!["cost"]!["usd"]!.GetValue<decimal>());
                var detail = await GetAsync(Analytics, $"/api/prompts/{template["name"]!.GetValue<string>()}");
                detailed += detail["versions"]!.AsArray().Sum(v => v!["costUsd"]!.GetValue<decimal>());
            }

            return listed == planUsd && detailed == planUsd ? (decimal?)listed : null;
        }, TimeSpan.FromSeconds(30), "the prompt versions' costs to add up to the plan's");
        Assert.Equal(planUsd, versionsUsd!.Value);
    }

    [Fact]
    public async Task Decomposing_a_task_and_chatting_with_the_person_add_to_the_tasks_cost_once_each()
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request = "Add authentication to my app", title = "Costed chat" });
        var planId = Id(plan);
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();

        // Decomposing the root: what the call cost is the root's until it has run.
        var decomposition = await PostAsync(Planner, $"/api/plans/{planId}/tasks/{rootId}/decompose", new { });
        Assert.Equal("split", decomposition["action"]!.GetValue<string>());
        var decomposed = await GetAsync(Planner, $"/api/plans/{planId}");
        var planning = TaskIn(decomposed, rootId)["cost"]!;
        Assert.True(planning["usd"]!.GetValue<decimal>() > 0m, $"decomposing cost nothing: {planning.ToJsonString()}");
        Assert.Equal(planning["usd"]!.GetValue<decimal>(), decomposed["cost"]!["usd"]!.GetValue<decimal>());

        // A chat with the person in an interactive task: each reply's cost reaches the task, once.
        var chat = await PostAsync(Planner, $"/api/plans/{planId}/tasks", new
        {
            parentId = rootId, title = "Choose the sign-in methods", objective = "Choose the sign-in methods with the person.", mode = "interactive",
        });
        var conversationId = chat["conversationId"]!.GetValue<Guid>();
        await PostAsync(Planner, $"/api/plans/{planId}/approve", new { });
        await Eventually.GetAsync(async () => TaskIn(await GetAsync(Planner, $"/api/plans/{planId}"), Id(chat))["status"]!.GetValue<string>() == "active" ? "" : null,
            TimeSpan.FromSeconds(30), "the interactive task to start");
        foreach (var content in new[] { "Which methods would you offer?", "And for a mobile app?" })
        {
            using var posted = await Conversation.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { content });
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            await posted.Content.ReadAsStringAsync();
        }

        var replies = (await GetAsync(Conversation, $"/api/conversations/{conversationId}"))["messages"]!.AsArray().Select(m => m!)
            .Where(m => m["role"]!.GetValue<string>() == "assistant").ToList();
        Assert.Equal(2, replies.Count);
        var chatUsd = replies.Sum(r => r["costUsd"]!.GetValue<decimal>());
        var chatTokens = replies.Sum(r => (long)r["inputTokens"]!.GetValue<int>() + r["outputTokens"]!.GetValue<int>());
        Assert.True(chatUsd > 0m);
        var costed = await Eventually.GetAsync(async () =>
        {
            var now = TaskIn(await GetAsync(Planner, $"/api/plans/{planId}"), Id(chat));
            return now["cost"]!["usd"]!.GetValue<decimal>() == chatUsd ? now : null;
        }, TimeSpan.FromSeconds(30), "the chat's cost to reach its task");
        Assert.Equal(chatTokens, costed["cost"]!["tokens"]!.GetValue<long>());

        // Nothing more arrives later: each reply was counted once.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var later = await GetAsync(Planner, $"/api/plans/{planId}");
        Assert.Equal(chatUsd, TaskIn(later, Id(chat))["cost"]!["usd"]!.GetValue<decimal>());
        Assert.Equal(later["tasks"]!.AsArray().Sum(t => t!["cost"]!["usd"]!.GetValue<decimal>()), later["cost"]!["usd"]!.GetValue<decimal>());
    }

    private static decimal Expected(int input, int outputTokens) => (input * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;
}
