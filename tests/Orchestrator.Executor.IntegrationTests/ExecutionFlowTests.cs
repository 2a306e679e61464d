using System.Net;
using System.Net.Http.Json;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;

namespace Orchestrator.Executor.IntegrationTests;

/// <summary>The Executor's modes, failure paths, cancellation, redelivery and limits, end to end over real PostgreSQL, RabbitMQ and HTTP.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ExecutionFlowTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(20);
    private ExecutorHarness? _harness;

    private ExecutorHarness Harness => _harness!;

    public async Task InitializeAsync() => _harness = await ExecutorHarness.StartAsync(fixture.Infrastructure, new Dictionary<string, string?>
    {
        ["Orchestrator:Executor:MaxConcurrency"] = "5",
        ["Orchestrator:Executor:MaxConcurrencyPerPlan"] = "3",
    });

    public async Task DisposeAsync() => await _harness!.DisposeAsync();

    [Fact]
    public async Task An_autonomous_task_takes_turns_until_its_outputs_are_produced_and_completes_once_even_when_ready_is_redelivered()
    {
        var planId = Guid.NewGuid();
        var ready = ExecutorHarness.Ready(planId, TaskExecutionMode.Autonomous, ["API design", "schema"]);
        Harness.Conversation.Script(ready.TaskId, (_, call) => new TurnScript.Reply(call == 0 ? "The API design is ready." : "The schema too.", Quick));

        var messageId = Guid.NewGuid();
        await Harness.ReadyAsync(ready, messageId);
        await Harness.ReadyAsync(ready, messageId);
        await Harness.ReadyAsync(ready);

        var completed = await Harness.WaitForAsync<TaskCompletedIntegrationEvent>(ready.TaskId);
        Assert.Equal("The API design is ready.\n\nThe schema too.", completed.Result);
        Assert.Equal("The schema too.", completed.Summary);
        Assert.Equal(60, completed.Tokens);
        Assert.Equal(1, completed.Attempts);

        await Task.Delay(1000);
        Assert.Equal(2, Harness.Conversation.CallsFor(ready.TaskId));
        Assert.Single(Harness.PublishedOf<TaskStartedIntegrationEvent>(ready.TaskId));
        Assert.Single(Harness.PublishedOf<TaskCompletedIntegrationEvent>(ready.TaskId));
        var first = Harness.Conversation.Received.First(t => t.TaskId == ready.TaskId);
        Assert.Equal(ready.ConversationId, first.ConversationId);
        Assert.False(first.AllowInputRequest);

        var execution = await Harness.ExecutionAsync(planId, ready.TaskId);
        Assert.Equal("completed", execution.Status);
        Assert.Equal(2, execution.Turns);
        Assert.NotNull(execution.StartedAt);
        Assert.NotNull(execution.CompletedAt);
    }

    [Fact]
    public async Task A_hybrid_task_waits_for_the_person_and_the_answer_resumes_it()
    {
        var planId = Guid.NewGuid();
        var ready = ExecutorHarness.Ready(planId, TaskExecutionMode.Hybrid, ["design"]);
        Harness.Conversation.Script(ready.TaskId, (_, call) => call == 0
            ? new TurnScript.Reply("Before I start:", Quick, Question: "Which currency?")
            : new TurnScript.Reply("The design, in EUR.", Quick));
        await Harness.ReadyAsync(ready);

        var asked = await Harness.WaitForAsync<TaskInputRequestedIntegrationEvent>(ready.TaskId);
        Assert.Equal("Which currency?", asked.Question);
        var waiting = await Harness.ExecutionAsync(planId, ready.TaskId);
        Assert.Equal("awaiting-input", waiting.Status);
        Assert.Equal("Which currency?", waiting.Question);
        Assert.Empty(Harness.PublishedOf<TaskCompletedIntegrationEvent>(ready.TaskId));

        await Harness.Bus.Publish(new HumanInputProvidedIntegrationEvent(ready.ConversationId, ready.TaskId, planId, "EUR", DateTimeOffset.UtcNow));

        await Harness.WaitForAsync<TaskResumedIntegrationEvent>(ready.TaskId);
        var completed = await Harness.WaitForAsync<TaskCompletedIntegrationEvent>(ready.TaskId);
        Assert.Equal("The design, in EUR.", completed.Summary);
        Assert.True(Harness.Conversation.Received.Where(t => t.TaskId == ready.TaskId).All(t => t.AllowInputRequest));
    }

    [Fact]
    public async Task An_interactive_task_waits_for_the_person_to_complete_it_and_the_routes_refuse_what_does_not_fit()
    {
        var planId = Guid.NewGuid();
        var ready = ExecutorHarness.Ready(planId, TaskExecutionMode.Interactive);
        await Harness.ReadyAsync(ready);

        var started = await Harness.WaitForAsync<TaskStartedIntegrationEvent>(ready.TaskId);
        Assert.True(started.WaitingForPerson);
        Assert.Equal("active", (await Harness.ExecutionAsync(planId, ready.TaskId)).Status);
        Assert.Equal(0, Harness.Conversation.CallsFor(ready.TaskId));

        using (var unknown = await Harness.Client.PostAsJsonAsync($"/api/executions/{Guid.NewGuid()}/complete", new { result = "x" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }

        using (var notFailed = await Harness.Client.PostAsync(new Uri($"/api/executions/{ready.TaskId}/retry", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, notFailed.StatusCode);
        }

        using (var done = await Harness.Client.PostAsJsonAsync($"/api/executions/{ready.TaskId}/complete", new { result = "Cart designed with the person." }))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        using (var again = await Harness.Client.PostAsync(new Uri($"/api/executions/{ready.TaskId}/complete", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var completed = await Harness.WaitForAsync<TaskCompletedIntegrationEvent>(ready.TaskId);
        Assert.Equal("Cart designed with the person.", completed.Result);
    }

    [Fact]
    public async Task Transient_turn_failures_are_retried_and_a_task_that_still_fails_can_be_retried_by_the_person()
    {
        var planId = Guid.NewGuid();
        var flaky = ExecutorHarness.Ready(planId, TaskExecutionMode.Autonomous);
        Harness.Conversation.Script(flaky.TaskId, (_, call) => call < 2
            ? new TurnScript.Failure("model overloaded", true, Quick)
            : new TurnScript.Reply("Done despite the hiccups.", Quick));
        var broken = ExecutorHarness.Ready(planId, TaskExecutionMode.Autonomous);
        Harness.Conversation.Script(broken.TaskId, (_, call) => call == 0
            ? new TurnScript.Failure("the model refused the brief", false, Quick)
            : new TurnScript.Reply("Second attempt worked.", Quick));
        await Harness.ReadyAsync(flaky);
        await Harness.ReadyAsync(broken);

        Assert.Equal("Done despite the hiccups.", (await Harness.WaitForAsync<TaskCompletedIntegrationEvent>(flaky.TaskId)).Result);
        Assert.Equal(3, Harness.Conversation.CallsFor(flaky.TaskId));
        var turnIds = Harness.Conversation.Received.Where(t => t.TaskId == flaky.TaskId).Select(t => t.TurnId).Distinct().Count();
        Assert.Equal(3, turnIds);

        var failed = await Harness.WaitForAsync<TaskFailedIntegrationEvent>(broken.TaskId);
        Assert.Equal("the model refused the brief", failed.Reason);
        Assert.Equal(TaskExecutionMode.Autonomous, failed.Mode);
        Assert.Equal(broken.ConversationId, failed.ConversationId);
        var shown = await Harness.ExecutionAsync(planId, broken.TaskId);
        Assert.Equal("failed", shown.Status);
        Assert.Equal("the model refused the brief", shown.LastError);

        using (var retry = await Harness.Client.PostAsync(new Uri($"/api/executions/{broken.TaskId}/retry", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        await Harness.WaitForAsync<TaskRetryRequestedIntegrationEvent>(broken.TaskId);

        // The Planner answers a retry request by readying the next attempt.
        await Harness.ReadyAsync(broken with { Attempt = 2, At = DateTimeOffset.UtcNow });
        var completed = await Harness.WaitForAsync<TaskCompletedIntegrationEvent>(broken.TaskId);
        Assert.Equal(2, completed.Attempts);
        Assert.Equal(2, (await Harness.ExecutionAsync(planId, broken.TaskId)).Attempts);
    }

    [Fact]
    public async Task Cancelling_stops_a_running_task_and_its_late_turn_result_is_ignored()
    {
        var planId = Guid.NewGuid();
        var byPerson = ExecutorHarness.Ready(planId, TaskExecutionMode.Autonomous);
        var byPlanner = ExecutorHarness.Ready(planId, TaskExecutionMode.Autonomous);
        foreach (var ready in new[] { byPerson, byPlanner })
        {
            Harness.Conversation.Script(ready.TaskId, (_, _) => new TurnScript.Reply("Too late.", TimeSpan.FromSeconds(2)));
            await Harness.ReadyAsync(ready);
        }

        await Eventually.GetAsync(() => Task.FromResult(Harness.Conversation.CallsFor(byPerson.TaskId) + Harness.Conversation.CallsFor(byPlanner.TaskId) == 2 ? "" : null),
            TimeSpan.FromSeconds(30), "both turns to be requested");
        using (var cancel = await Harness.Client.PostAsJsonAsync($"/api/executions/{byPerson.TaskId}/cancel", new { reason = "Not needed any more." }))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        await Harness.Bus.Publish(new TaskCancelledIntegrationEvent(planId, byPlanner.TaskId, "Plan cancelled.", DateTimeOffset.UtcNow));
        await Harness.WaitForAsync<TaskExecutionCancelledIntegrationEvent>(byPerson.TaskId);
        await Eventually.GetAsync(async () => (await Harness.ExecutionAsync(planId, byPlanner.TaskId)).Status == "cancelled" ? "" : null, TimeSpan.FromSeconds(30), "the planner's cancellation");

        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var ready in new[] { byPerson, byPlanner })
        {
            Assert.Empty(Harness.PublishedOf<TaskCompletedIntegrationEvent>(ready.TaskId));
            Assert.Equal("cancelled", (await Harness.ExecutionAsync(planId, ready.TaskId)).Status);
            Assert.Equal(1, Harness.Conversation.CallsFor(ready.TaskId));
        }
    }

    [Fact]
    public async Task Running_tasks_stay_within_the_global_and_the_per_plan_limit()
    {
        var plans = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var tasks = plans.SelectMany(plan => Enumerable.Range(0, 6).Select(_ => ExecutorHarness.Ready(plan, TaskExecutionMode.Autonomous))).ToList();
        foreach (var ready in tasks)
        {
            Harness.Conversation.Script(ready.TaskId, (_, _) => new TurnScript.Reply("Done.", TimeSpan.FromMilliseconds(400)));
        }

        await Task.WhenAll(tasks.Select(t => Harness.ReadyAsync(t)));
        foreach (var ready in tasks)
        {
            await Harness.WaitForAsync<TaskCompletedIntegrationEvent>(ready.TaskId, TimeSpan.FromSeconds(60));
        }

        Assert.Equal(5, Harness.Conversation.MaxRunning);
        Assert.All(plans, plan => Assert.InRange(Harness.Conversation.MaxRunningPerPlan[plan], 2, 3));
        Assert.Equal(3, plans.Max(plan => Harness.Conversation.MaxRunningPerPlan[plan]));
    }
}
