using System.Text.Json.Nodes;
using Orchestrator.Testing;
using static Orchestrator.IntegrationTests.JsonApi;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests;

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

    private static decimal Expected(int input, int outputTokens) => (input * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;
}
