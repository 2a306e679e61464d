using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Orchestrator.SystemTests;

/// <summary>The whole system as the AppHost defines it, through Aspire.Hosting.Testing: real servers, real services, the gateway in front.</summary>
[Collection(SystemCollection.Name)]
public sealed class WholeSystemTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Everything_becomes_healthy_serves_a_plan_end_to_end_through_the_gateway_and_stops_without_leaving_anything()
    {
        await using var system = await SystemUnderTest.StartAsync(output);
        var api = new GatewayApi(system.Gateway);

        output.WriteLine("Resources: " + string.Join("; ", system.Resources.All));
        var ours = system.Resources.All.Where(i => system.Expected.ContainsKey(i.Resource)).ToList();
        Assert.Equal(system.Expected.Values.Sum(), ours.Count);
        Assert.All(ours, i => Assert.NotNull(i.Pid));
        Assert.Contains(system.Footprint.Seen, p => p.Name == "postgres" && p.CommandLine.Contains(system.StateDirectory, StringComparison.Ordinal));
        Assert.Contains(system.Footprint.Seen, p => p.Name == "beam.smp");
        Assert.Contains(system.Footprint.Seen, p => p.Name == "epmd");
        Assert.Contains(system.Footprint.Seen, p => p.Name == "dcp");

        using (var health = await system.Gateway.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using (var unknown = await system.Gateway.GetAsync(new Uri("/api/no-such-route", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!;
            Assert.Equal(404, problem["status"]!.GetValue<int>());
        }

        var clock = Stopwatch.StartNew();
        var plan = await api.CreatePlanAsync("Write release notes for version 2 of my shop", "Release notes");
        var planId = GatewayApi.Id(plan);
        var root = Assert.Single(GatewayApi.Tasks(plan));
        var rootId = GatewayApi.Id(root);

        // The Planner's PlanCreated reaches the other three services through RabbitMQ; each records it.
        await api.EventuallyAsync($"/api/executions?planId={planId}", body => body.Contains(rootId.ToString(), StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await api.EventuallyAsync($"/api/conversations/{root["conversationId"]!.GetValue<Guid>()}", _ => true, TimeSpan.FromSeconds(60));
        await api.EventuallyAsync($"/api/outcomes?subject={planId}", _ => true, TimeSpan.FromSeconds(60));

        // Three autonomous tasks, the third after the first two; the model simulator answers every turn.
        var first = await api.AddTaskAsync(planId, rootId, "List the changes", "List the user-visible changes of version 2.", []);
        var second = await api.AddTaskAsync(planId, rootId, "List the fixes", "List the bugs fixed in version 2.", []);
        var third = await api.AddTaskAsync(planId, rootId, "Write the notes", "Write the release notes from the changes and fixes.", [first, second]);
        await api.ApproveAsync(planId);

        var finished = await api.WaitUntilFinishedAsync(planId, TimeSpan.FromMinutes(3));
        output.WriteLine($"[timing] plan created, reached every service, ran 3 autonomous tasks and finished in {SystemUnderTest.Seconds(clock.Elapsed)} s");
        Assert.Equal("completed", finished["status"]!.GetValue<string>());
        Assert.All(GatewayApi.Tasks(finished), t => Assert.Equal("completed", t["status"]!.GetValue<string>()));
        Assert.All(new[] { first, second, third }, id =>
            Assert.False(string.IsNullOrWhiteSpace(GatewayApi.Tasks(finished).Single(t => GatewayApi.Id(t) == id)["result"]?.GetValue<string>())));

        var executions = await api.ExecutionsAsync(planId);
        Assert.All(new[] { first, second, third }, id =>
        {
            var execution = Assert.Single(executions, e => e["taskId"]!.GetValue<Guid>() == id);
            Assert.Equal("completed", execution["status"]!.GetValue<string>());
            Assert.True(execution["turns"]!.GetValue<int>() >= 1, $"task {id} completed without a model turn");
        });

        var history = await api.HistoryAsync(planId);
        Assert.All(new[] { rootId, first, second, third }, id => Assert.Equal(1, GatewayApi.Count(history, "task-completed", id)));
        Assert.Single(history, e => e["type"]!.GetValue<string>() == "plan-finished");

        await system.StopAndAssertNothingIsLeftAsync();
    }
}
