using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;

namespace Orchestrator.Executor.IntegrationTests;

/// <summary>
/// Two real Executor processes share a plan's work, both taking part in the daemon (HotCold) and the
/// scheduler; the first, started first and so normally holding both, is killed with SIGKILL mid-plan and started again while the
/// second takes over. Every task completes, none twice.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class KilledExecutorTests(InfrastructureFixture fixture)
{
    [Fact]
    public async Task A_plan_survives_a_killed_executor_with_no_task_lost_or_completed_twice()
    {
        var database = await fixture.Infrastructure.CreateDatabaseAsync("executor_kill");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["ConnectionStrings__rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
            ["Orchestrator__Executor__MaxConcurrency"] = "6",
            ["Orchestrator__Executor__TurnLease"] = "00:00:05",
            ["Orchestrator__Executor__SchedulerInterval"] = "00:00:00.050",
        };

        var conversation = new FakeConversation();
        var completions = new List<ConsumeContext<TaskCompletedIntegrationEvent>>();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(fixture.Infrastructure.RabbitMqUri);
            rabbit.ReceiveEndpoint(FakeConversation.Queue, e =>
            {
                e.ConcurrentMessageLimit = 64;
                e.Handler<Orchestrator.Contracts.Conversations.RunConversationTurn>(conversation.HandleAsync);
            });
            rabbit.ReceiveEndpoint($"executor-kill-observer-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<TaskCompletedIntegrationEvent>(context =>
                {
                    lock (completions)
                    {
                        completions.Add(context);
                    }

                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync();
        var primary = await ExecutorProcess.StartAsync(environment);
        await using var secondary = await ExecutorProcess.StartAsync(environment);
        try
        {
            var planId = Guid.NewGuid();
            var tasks = Enumerable.Range(0, 24).Select(_ => ExecutorHarness.Ready(planId, TaskExecutionMode.Autonomous, ["design", "schema"])).ToList();
            foreach (var ready in tasks)
            {
                conversation.Script(ready.TaskId, (_, call) => new TurnScript.Reply(call == 0 ? "The design." : "The schema.", TimeSpan.FromMilliseconds(300)));
            }

            await Task.WhenAll(tasks.Select(t => bus.Publish(t)));
            await Eventually.GetAsync(() => Task.FromResult(Count(completions) >= 4 ? "" : null), TimeSpan.FromSeconds(60), "a few tasks to complete");
            primary.Kill();
            Assert.True(Count(completions) < tasks.Count, "The plan finished before the kill; the test proves nothing.");

            await using var restarted = await ExecutorProcess.StartAsync(environment);
            await Eventually.GetAsync(() => Task.FromResult(tasks.All(t => Distinct(completions, t.TaskId) >= 1) ? "" : null), TimeSpan.FromSeconds(120), "every task to complete");
            await Task.Delay(TimeSpan.FromSeconds(2));

            Assert.All(tasks, t => Assert.Equal(1, Distinct(completions, t.TaskId)));
            Assert.All(await CompletionsPerStreamAsync(database), n => Assert.Equal(1, n));
            Assert.Equal(tasks.Count, (await CompletionsPerStreamAsync(database)).Count);

            using var client = new HttpClient { BaseAddress = restarted.BaseAddress };
            var executions = await client.GetFromJsonAsync<List<ExecutionDto>>($"/api/executions?planId={planId}", ApiJson.Options);
            Assert.Equal(tasks.Count, executions!.Count(e => e.Status == "completed" && e.Attempts == 1));
        }
        finally
        {
            await primary.DisposeAsync();
            await bus.StopAsync();
        }
    }

    private static int Count(List<ConsumeContext<TaskCompletedIntegrationEvent>> completions)
    {
        lock (completions)
        {
            return completions.Select(c => c.Message.TaskId).Distinct().Count();
        }
    }

    /// <summary>Completions of a task that are distinct effects: a relay replaying a page after the crash republishes with the same message id.</summary>
    private static int Distinct(List<ConsumeContext<TaskCompletedIntegrationEvent>> completions, Guid taskId)
    {
        lock (completions)
        {
            return completions.Where(c => c.Message.TaskId == taskId).Select(c => c.MessageId).Distinct().Count();
        }
    }

    private static async Task<List<long>> CompletionsPerStreamAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from executor.mt_events where type = 'execution_completed' group by stream_id", connection);
        var counts = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add(reader.GetInt64(0));
        }

        return counts;
    }
}
