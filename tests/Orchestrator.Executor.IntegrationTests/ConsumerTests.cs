extern alias executor;

using executor::Orchestrator.Executor;
using executor::Orchestrator.Executor.Executions;
using JasperFx.Events;
using Marten;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;

namespace Orchestrator.Executor.IntegrationTests;

/// <summary>
/// The Executor's consumers as the Executor registers them, in MassTransit's test harness on a real PostgreSQL: a message
/// in, the execution's events and the messages the Executor publishes or sends out; a redelivery has one effect.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ConsumerTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> ConsumersOnly = new()
    {
        ["Orchestrator:EventStore:RunDaemon"] = "false",
        ["Orchestrator:Executor:RunScheduler"] = "false",
    };

    private static readonly Dictionary<string, string?> WithScheduler = new()
    {
        ["Orchestrator:EventStore:RunDaemon"] = "false",
        ["Orchestrator:Executor:SchedulerInterval"] = "00:00:00.050",
    };

    private ConsumerHost? _executor;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_executor is not null)
        {
            await _executor.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_new_plan_registers_its_root_task_once_however_often_it_is_delivered()
    {
        var executor = await StartAsync(ConsumersOnly);
        var consumed = new ConsumedMessages<PlanCreatedIntegrationEvent>(executor.Harness.Bus);
        var created = new PlanCreatedIntegrationEvent(Guid.NewGuid(), "Cart", "Add a cart", Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);

        var messageId = Guid.NewGuid();
        await executor.PublishAsync(created, messageId);
        await consumed.AtLeastAsync(1);
        await executor.PublishAsync(created, messageId);
        await executor.PublishAsync(created, Guid.NewGuid());
        await consumed.AtLeastAsync(3);

        var registered = Assert.Single(await EventsOfAsync(executor, created.RootTaskId));
        Assert.Equal(new ExecutionRegistered(created.RootTaskId, created.PlanId, created.At), registered.Data);
    }

    [Fact]
    public async Task An_interactive_task_ready_starts_waiting_for_the_person_and_says_so_once_however_often_it_is_delivered()
    {
        var executor = await StartAsync(ConsumersOnly);
        var consumed = new ConsumedMessages<TaskReadyIntegrationEvent>(executor.Harness.Bus);
        var ready = ExecutorHarness.Ready(Guid.NewGuid(), TaskExecutionMode.Interactive);

        var messageId = Guid.NewGuid();
        await executor.PublishAsync(ready, messageId);
        await consumed.AtLeastAsync(1);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => executor.PublishAsync(ready, messageId)));
        await consumed.AtLeastAsync(4);

        var events = await EventsOfAsync(executor, ready.TaskId);
        Assert.Equal([typeof(ExecutionRegistered), typeof(AttemptQueued), typeof(AttemptStarted)], events.Select(e => e.EventType));
        Assert.True(await executor.Harness.Published.Any<TaskStartedIntegrationEvent>(m => m.Context.Message.TaskId == ready.TaskId));
        var started = Assert.Single(executor.Harness.Published.Select<TaskStartedIntegrationEvent>(m => m.Context.Message.TaskId == ready.TaskId)).Context;
        Assert.Equal(new TaskStartedIntegrationEvent(ready.PlanId, ready.TaskId, 1, true, started.Message.At), started.Message);
        // The message id is the event's id, whichever path publishes it, so the Planner can drop a repeat.
        Assert.Equal(events[2].Id, started.MessageId);
    }

    [Fact]
    public async Task An_autonomous_task_ready_gets_a_slot_and_sends_its_first_turn_to_the_Conversation_service()
    {
        var executor = await StartAsync(WithScheduler);
        var ready = ExecutorHarness.Ready(Guid.NewGuid(), TaskExecutionMode.Autonomous, ["API design"]);

        var turn = await FirstTurnAsync(executor, ready);

        Assert.Equal((ready.ConversationId, ready.PlanId), (turn.Message.ConversationId, turn.Message.PlanId));
        Assert.EndsWith(executor.Services.GetRequiredService<ExecutorSettings>().ConversationTurnQueue, turn.DestinationAddress!.AbsolutePath);
        var started = executor.Harness.Published.Select<TaskStartedIntegrationEvent>(m => m.Context.Message.TaskId == ready.TaskId).Single();
        Assert.False(started.Context.Message.WaitingForPerson);
    }

    [Fact]
    public async Task A_reply_that_completes_the_task_publishes_its_completion_once_however_often_it_is_delivered()
    {
        var executor = await StartAsync(WithScheduler);
        var consumed = new ConsumedMessages<ConversationTurnCompletedIntegrationEvent>(executor.Harness.Bus);
        var ready = ExecutorHarness.Ready(Guid.NewGuid(), TaskExecutionMode.Autonomous, ["API design"]);
        var turn = (await FirstTurnAsync(executor, ready)).Message;
        var reply = new ConversationTurnCompletedIntegrationEvent(turn.TurnId, turn.ConversationId, turn.TaskId, turn.PlanId,
            "The API design is ready.", false, null, true, "simulator", 100, 50, 12, null, DateTimeOffset.UtcNow);

        var messageId = Guid.NewGuid();
        await executor.PublishAsync(reply, messageId);
        await consumed.AtLeastAsync(1);
        await executor.PublishAsync(reply, messageId);
        await consumed.AtLeastAsync(2);

        Assert.True(await executor.Harness.Published.Any<TaskCompletedIntegrationEvent>(m => m.Context.Message.TaskId == ready.TaskId));
        var completed = Assert.Single(executor.Harness.Published.Select<TaskCompletedIntegrationEvent>(m => m.Context.Message.TaskId == ready.TaskId));
        Assert.Equal(("The API design is ready.", 1, 150L), (completed.Context.Message.Result, completed.Context.Message.Attempts, completed.Context.Message.Tokens));
        Assert.Single(await EventsOfAsync(executor, ready.TaskId), e => e.Data is ExecutionCompleted);
    }

    /// <summary>Readies <paramref name="ready"/> and returns the turn the scheduler sends to the Conversation service once the task has a slot.</summary>
    private static async Task<MassTransit.SendContext<RunConversationTurn>> FirstTurnAsync(ConsumerHost executor, TaskReadyIntegrationEvent ready)
    {
        await executor.PublishAsync(ready, Guid.NewGuid());
        Assert.True(await executor.Harness.Sent.Any<RunConversationTurn>(m => m.Context.Message.TaskId == ready.TaskId));
        return executor.Harness.Sent.Select<RunConversationTurn>(m => m.Context.Message.TaskId == ready.TaskId).Single().Context;
    }

    private async Task<ConsumerHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        _executor = await ConsumerHost.StartAsync(fixture.Infrastructure, "executor_consumers", builder => builder.AddExecutorServices(), settings);
        return _executor;
    }

    private static async Task<IReadOnlyList<IEvent>> EventsOfAsync(ConsumerHost executor, Guid taskId)
    {
        await using var session = executor.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.FetchStreamAsync(taskId);
    }
}
