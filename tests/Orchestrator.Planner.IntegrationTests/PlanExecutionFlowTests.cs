using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;
using static Orchestrator.Planner.IntegrationTests.JsonApi;
using Xunit.Abstractions;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// The product's main path with every service real and the model simulated: a decomposed, approved
/// plan runs its autonomous tasks in parallel in dependency order, waits for the person on its
/// interactive and hybrid tasks, and finishes when the person has done their part.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PlanExecutionFlowTests(InfrastructureFixture fixture, ITestOutputHelper output)
    : WholeSystemTests(fixture, "execution", new Dictionary<string, string?> { ["Simulator:LatencyMs"] = "150" })
{
    [Fact]
    public async Task A_decomposed_plan_runs_in_parallel_in_dependency_order_and_waits_for_the_person()
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request = "Add a shopping cart with coupons and a checkout page to my online shop" });
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var proposal = await PostAsync(Planner, $"/api/plans/{planId}/tasks/{rootId}/decompose", new { });
        var tasks = proposal["tasks"]!.AsArray().Select(t => t!).ToList();
        Assert.True(tasks.Count >= 4, $"expected at least four subtasks, got {tasks.Count}");

        // Shape the proposal as a person would: two independent autonomous tasks, then a hybrid and an interactive one after them.
        var (first, second, third, fourth) = (Id(tasks[0]), Id(tasks[1]), Id(tasks[2]), Id(tasks[3]));
        await PatchAsync(planId, first, new { mode = "autonomous", dependsOn = Array.Empty<Guid>() });
        await PatchAsync(planId, second, new { mode = "autonomous", dependsOn = Array.Empty<Guid>() });
        await PatchAsync(planId, third, new { mode = "hybrid", dependsOn = new[] { first } });
        await PatchAsync(planId, fourth, new { mode = "interactive", dependsOn = new[] { second } });
        foreach (var rest in tasks.Skip(4).Select(Id))
        {
            await PatchAsync(planId, rest, new { mode = "autonomous", dependsOn = new[] { first } });
        }

        await PostAsync(Planner, $"/api/plans/{planId}/approve", new { });

        var answered = new HashSet<Guid>();
        var completedByPerson = new HashSet<Guid>();
        var finished = await Eventually.GetAsync(async () =>
        {
            var now = await GetAsync(Planner, $"/api/plans/{planId}");
            foreach (var task in now["tasks"]!.AsArray().Select(t => t!))
            {
                var taskId = Id(task);
                var status = task["status"]!.GetValue<string>();
                if (status == "awaiting-input" && answered.Add(taskId))
                {
                    Assert.False(string.IsNullOrWhiteSpace(task["question"]?.GetValue<string>()));
                    await AnswerAsync(task["conversationId"]!.GetValue<Guid>(), "Use euros, and keep coupons to one per order.");
                }

                if (status == "active" && task["mode"]!.GetValue<string>() == "interactive" && task["parentId"] is not null && completedByPerson.Add(taskId))
                {
                    using var done = await Executor.PostAsJsonAsync($"/api/executions/{taskId}/complete", new { result = "The person finished this part by hand." });
                    Assert.True(done.IsSuccessStatusCode, $"complete: {(int)done.StatusCode} {await done.Content.ReadAsStringAsync()}");
                }
            }

            return now["status"]!.GetValue<string>() is "completed" or "failed" ? now : null;
        }, TimeSpan.FromMinutes(2), "the plan to finish");

        output.WriteLine(finished.ToJsonString());
        Assert.Equal("completed", finished["status"]!.GetValue<string>());
        Assert.Contains(third, answered);
        Assert.Contains(fourth, completedByPerson);
        Assert.Equal("The person finished this part by hand.", TaskIn(finished, fourth)["result"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(TaskIn(finished, rootId)["result"]?.GetValue<string>()));

        var history = (await GetNodeAsync(Planner, $"/api/plans/{planId}/history")).AsArray().Select(e => e!).ToList();
        DateTimeOffset At(string type, Guid task) => history.Single(e => e["type"]!.GetValue<string>() == type && e["data"]!["taskId"]!.GetValue<Guid>() == task)["at"]!.GetValue<DateTimeOffset>();

        // Dependency order: nothing starts before what it depends on has completed.
        foreach (var task in finished["tasks"]!.AsArray().Select(t => t!).Where(t => t["parentId"] is not null))
        {
            foreach (var dependency in task["dependsOn"]!.AsArray().Select(d => d!.GetValue<Guid>()))
            {
                Assert.True(At("task-started", Id(task)) >= At("task-completed", dependency), $"{task["title"]} started before its dependency completed");
            }
        }

        // Parallelism: the two independent autonomous tasks were running at the same time.
        Assert.True(At("task-started", first) < At("task-completed", second) && At("task-started", second) < At("task-completed", first),
            "the two independent autonomous tasks did not overlap");

        // Every task ran exactly once.
        var executions = (await GetNodeAsync(Executor, $"/api/executions?planId={planId}")).AsArray();
        Assert.All(tasks.Select(Id), id => Assert.Single(history, e => e["type"]!.GetValue<string>() == "task-completed" && e["data"]!["taskId"]!.GetValue<Guid>() == id));
        Assert.All(executions.Where(e => tasks.Any(t => Id(t) == e!["taskId"]!.GetValue<Guid>())), e => Assert.Equal(1, e!["attempts"]!.GetValue<int>()));
    }

    private async Task AnswerAsync(Guid conversationId, string answer)
    {
        using var response = await Conversation.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { content = answer });
        var stream = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answer: {(int)response.StatusCode} {stream}");
        Assert.Contains("[DONE]", stream, StringComparison.Ordinal);
    }

    private async Task PatchAsync(Guid planId, Guid taskId, object body)
    {
        using var response = await Planner.PatchAsJsonAsync($"/api/plans/{planId}/tasks/{taskId}", body);
        Assert.True(response.IsSuccessStatusCode, $"patch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
