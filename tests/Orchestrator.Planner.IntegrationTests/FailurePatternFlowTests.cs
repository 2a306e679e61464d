using System.Net;
using System.Net.Http.Json;
using Orchestrator.Testing;
using static Orchestrator.Planner.IntegrationTests.JsonApi;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// Real failures, made by the simulator's fault injection, travel from the Conversation service through the Executor to
/// PromptAnalytics and show up as one failure pattern whose examples name the failed tasks and their conversations.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class FailurePatternFlowTests(InfrastructureFixture fixture) : WholeSystemTests(fixture, "failure-patterns")
{
    [Fact]
    public async Task Tasks_that_fail_because_the_model_is_unavailable_form_one_pattern_with_their_conversations()
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request = "Write release notes and a migration guide for version 2 of my library" });
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var proposal = await PostAsync(Planner, $"/api/plans/{planId}/tasks/{rootId}/decompose", new { });
        var tasks = proposal["tasks"]!.AsArray().Select(t => t!).ToList();
        var autonomous = tasks.Take(2).Select(Id).ToList();
        foreach (var task in tasks.Select(Id))
        {
            // Two autonomous tasks run at once; the rest wait for them, so they never reach the broken model.
            using var response = await Planner.PatchAsJsonAsync($"/api/plans/{planId}/tasks/{task}",
                autonomous.Contains(task) ? new { mode = "autonomous", dependsOn = Array.Empty<Guid>() } : new { mode = "autonomous", dependsOn = autonomous.ToArray() });
            Assert.True(response.IsSuccessStatusCode, $"patch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // From here on every model call answers 503, through each turn's retries.
        using (var faults = await Simulator.PostAsJsonAsync("/v1/_faults", new { fail = "unavailable", count = 500 }))
        {
            Assert.Equal(HttpStatusCode.NoContent, faults.StatusCode);
        }

        await PostAsync(Planner, $"/api/plans/{planId}/approve", new { });

        var pattern = await Eventually.GetAsync(async () =>
        {
            var patterns = (await GetNodeAsync(Analytics, "/api/analytics/failures")).AsArray().Select(p => p!).ToList();
            return patterns.FirstOrDefault(p => p["count"]!.GetValue<long>() == 2);
        }, TimeSpan.FromMinutes(2), "both failed tasks in one failure pattern");

        var key = pattern["key"]!.GetValue<string>().Split('|');
        Assert.Equal("model-unavailable", key[0]);
        Assert.Equal("autonomous", key[2]);
        Assert.Equal(["autonomous"], pattern["modes"]!.AsArray().Select(m => m!.GetValue<string>()));
        // The turns never got a reply, yet the failure counts against the prompt version they tried.
        var version = Assert.Single(pattern["promptVersionIds"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("execute", version, StringComparison.Ordinal);
        Assert.Equal(version, key[1]);
        Assert.Contains("<n>", pattern["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("503", pattern["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var planNow = await GetAsync(Planner, $"/api/plans/{planId}");
        var examples = pattern["examples"]!.AsArray().Select(e => e!).ToList();
        Assert.Equal(autonomous.Order(), examples.Select(e => e["taskId"]!.GetValue<Guid>()).Order());
        Assert.All(examples, e =>
        {
            Assert.Equal(planId, e["planId"]!.GetValue<Guid>());
            var task = TaskIn(planNow, e["taskId"]!.GetValue<Guid>());
            Assert.Equal("failed", task["status"]!.GetValue<string>());
            Assert.Equal(task["conversationId"]!.GetValue<Guid>(), e["conversationId"]!.GetValue<Guid>());
        });
    }
}
