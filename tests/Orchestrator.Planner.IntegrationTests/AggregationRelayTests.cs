extern alias modelsim;
extern alias planner;

using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Execution;
using Orchestrator.Testing;
using static Orchestrator.Planner.IntegrationTests.JsonApi;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// A parent's aggregation when nothing goes on the bus right after the commit (as after a crash between the commit and the
/// dispatch): the Planner's relay sends the AggregateParent command the last subtask's completion recorded, and the parent, then
/// the plan, completes with one aggregation. The Planner runs whole, over RabbitMQ, with the model simulator.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AggregationRelayTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private ServiceHost<modelsim::Program>? _simulator;
    private ServiceHost<planner::Program>? _planner;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _simulator = new ServiceHost<modelsim::Program>(new Dictionary<string, string?>());
        _simulator.StartClient().Dispose();
        _planner = new ServiceHost<planner::Program>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await fixture.Infrastructure.CreateDatabaseAsync("relayedaggregation"),
            ["ConnectionStrings:rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
            ["services:modelsim:http:0"] = _simulator.BaseAddress.ToString().TrimEnd('/'),
            // No PromptAnalytics: the built-in prompts serve.
            ["Orchestrator:Prompts:BaseAddress"] = "http://127.0.0.1:1/",
            ["Orchestrator:EventStore:DispatchOnCommit"] = "false",
            ["Orchestrator:EventStore:RelayDelay"] = "00:00:00.200",
        });
        _client = _planner.StartClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        foreach (var host in new IAsyncDisposable?[] { _planner, _simulator })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task With_no_dispatch_after_the_commit_the_relay_sends_the_aggregation_and_the_plan_completes_once()
    {
        var plan = await PostAsync(_client, "/api/plans", new { request = "Write release notes for version 2" });
        var planId = Id(plan);
        var rootId = Id(plan["tasks"]![0]!);
        var tasks = new List<Guid>();
        foreach (var title in new[] { "List the changes", "Write the notes" })
        {
            tasks.Add(Id(await PostAsync(_client, $"/api/plans/{planId}/tasks", new { parentId = rootId, title, mode = "autonomous" })));
        }

        await PostAsync(_client, $"/api/plans/{planId}/approve", new { });
        var bus = _planner!.Services.GetRequiredService<IBus>();
        foreach (var task in tasks)
        {
            await bus.Publish(new TaskCompletedIntegrationEvent(planId, task, "done", $"Result of {task}", 1, 10, null, DateTimeOffset.UtcNow));
        }

        var finished = await Eventually.GetAsync(async () =>
        {
            var current = await GetAsync(_client, $"/api/plans/{planId}");
            return current["status"]!.GetValue<string>() == "completed" ? current : null;
        }, TimeSpan.FromSeconds(60), "the plan to complete");

        Assert.False(string.IsNullOrWhiteSpace(TaskIn(finished, rootId)["result"]!.GetValue<string>()));
        var history = (await GetNodeAsync(_client, $"/api/plans/{planId}/history")).AsArray();
        Assert.Single(history, e => e!["type"]!.GetValue<string>() == "aggregation-requested");
        Assert.Single(history, e => e!["type"]!.GetValue<string>() == "task-completed" && e["data"]!["taskId"]!.GetValue<Guid>() == rootId);
    }
}
