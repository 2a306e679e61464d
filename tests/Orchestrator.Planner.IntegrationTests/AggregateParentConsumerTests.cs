extern alias modelsim;
extern alias planner;

using MassTransit;
using MassTransit.Testing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Contracts.Planning;
using Orchestrator.Contracts.Prompts;
using Orchestrator.Eventing;
using Orchestrator.Testing;
using planner::Orchestrator.Planner.Plans;
using planner::Orchestrator.Planner.Plans.Progressing;
using TaskStatus = planner::Orchestrator.Planner.Plans.TaskStatus;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// The aggregation of a parent as a bus command, in MassTransit's test harness on a real PostgreSQL with the model simulator over
/// HTTP: the command the last subtask's completion asked for combines the subtasks' results once, with one model call, however
/// often it is delivered; and the parent's result asks in turn for its own parent's aggregation.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AggregateParentConsumerTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private ServiceHost<modelsim::Program>? _simulator;
    private PlannerStore _planner = null!;
    private IHost _host = null!;
    private ITestHarness _harness = null!;
    private ConsumedMessages<AggregateParent> _deliveries = null!;

    public async Task InitializeAsync()
    {
        _simulator = new ServiceHost<modelsim::Program>(new Dictionary<string, string?>());
        _simulator.StartClient().Dispose();
        _planner = await PlannerStore.CreateAsync(fixture, "aggregation");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:modelsim:http:0"] = _simulator.BaseAddress.ToString().TrimEnd('/'),
            // No PromptAnalytics: the prompt client uses the built-in aggregation prompt.
            ["Orchestrator:Prompts:BaseAddress"] = "http://127.0.0.1:1/",
        });
        builder.AddModelAccess();
        builder.AddPromptClient();
        builder.Services.AddLogging()
            .AddSingleton<IDocumentStore>(_planner.Store)
            .AddSingleton(_planner.Gate)
            .AddMassTransitTestHarness(bus => bus.AddConsumer<AggregateParentConsumer, AggregateParentConsumerDefinition>(c => c.UseConcurrentMessageLimit(8)));
        _host = builder.Build();
        _harness = _host.Services.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _deliveries = new ConsumedMessages<AggregateParent>(_harness.Bus);
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        _host.Dispose();
        await _planner.DisposeAsync();
        _simulator?.Dispose();
    }

    [Fact]
    public async Task A_command_delivered_again_aggregates_the_parent_once_and_asks_for_the_grandparent()
    {
        var (planId, build, request) = await WaitingParentAsync();
        var command = new AggregateParent(planId, build, request.Data.At);

        await _harness.Bus.Publish(command, c => c.MessageId = request.Id);
        await _deliveries.AtLeastAsync(1);
        await _harness.Bus.Publish(command, c => c.MessageId = request.Id);
        await _deliveries.AtLeastAsync(2);

        var plan = await _planner.LoadAsync(planId);
        var parent = plan.Find(build)!;
        Assert.Equal(TaskStatus.Completed, parent.Status);
        Assert.False(string.IsNullOrWhiteSpace(parent.Result));
        Assert.Single(await _planner.EventsAsync<TaskCompleted>(planId), e => e.Data.TaskId == build);
        Assert.Equal(1, ModelCallsFor(planId));
        // The root's other child completed earlier: the parent's result makes the root wait for its own aggregation.
        Assert.Equal([build, plan.Root.Id], (await _planner.EventsAsync<AggregationRequested>(planId)).Select(e => e.Data.TaskId));
        await using var session = _planner.Store.QuerySession();
        Assert.NotNull(await session.LoadAsync<ProcessedMessage>(ProcessedMessage.KeyFor(typeof(AggregateParentConsumer).FullName!, request.Id)));
    }

    [Fact]
    public async Task Copies_delivered_at_the_same_moment_record_one_result_with_one_model_call()
    {
        var (planId, build, request) = await WaitingParentAsync();
        var command = new AggregateParent(planId, build, request.Data.At);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _harness.Bus.Publish(command, c => c.MessageId = request.Id)));
        await _deliveries.AtLeastAsync(4);

        Assert.Single(await _planner.EventsAsync<TaskCompleted>(planId), e => e.Data.TaskId == build);
        Assert.Equal(TaskStatus.Completed, (await _planner.LoadAsync(planId)).Find(build)!.Status);
        Assert.Equal(1, ModelCallsFor(planId));
    }

    [Fact]
    public async Task A_command_for_a_parent_that_got_another_subtask_meanwhile_changes_nothing_and_calls_no_model()
    {
        var (planId, build, request) = await WaitingParentAsync();
        var added = await _planner.AddTaskAsync(planId, "Tests", build);

        await _harness.Bus.Publish(new AggregateParent(planId, build, request.Data.At), c => c.MessageId = request.Id);
        await _deliveries.AtLeastAsync(1);

        var plan = await _planner.LoadAsync(planId);
        Assert.Equal(TaskStatus.Pending, plan.Find(build)!.Status);
        Assert.Equal(TaskStatus.Ready, plan.Find(added)!.Status);
        Assert.DoesNotContain(await _planner.EventsAsync<TaskCompleted>(planId), e => e.Data.TaskId == build);
        Assert.Equal(0, ModelCallsFor(planId));
    }

    /// <summary>A running plan: root → { Build → { Backend }, Docs }, with Docs and Backend complete, so Build waits for its aggregation.</summary>
    private async Task<(Guid PlanId, Guid Parent, (Guid Id, AggregationRequested Data) Request)> WaitingParentAsync()
    {
        var planId = await _planner.StartPlanAsync("Add a shopping cart to my shop");
        var build = await _planner.AddTaskAsync(planId, "Build the cart");
        var backend = await _planner.AddTaskAsync(planId, "Backend", build);
        var docs = await _planner.AddTaskAsync(planId, "Docs");
        await _planner.ApproveAsync(planId);
        foreach (var task in new[] { docs, backend })
        {
            await _planner.WriteAsync(planId, plan => TaskProgressDecision.Decide(plan, new TaskProgress.Completed(task, "done", $"Result of {task}", DateTimeOffset.UtcNow)));
        }

        var request = Assert.Single(await _planner.EventsAsync<AggregationRequested>(planId));
        Assert.Equal(build, request.Data.TaskId);
        return (planId, build, request);
    }

    private int ModelCallsFor(Guid planId) =>
        _harness.Published.Select<ModelCallRecordedIntegrationEvent>().Count(m => m.Context.Message.Subject == planId);
}
