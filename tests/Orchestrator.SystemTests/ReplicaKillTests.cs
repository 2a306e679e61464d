using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Xunit.Abstractions;

namespace Orchestrator.SystemTests;

/// <summary>
/// Two replicas each of the Planner, the Executor and the Conversation service; one of each is killed while a large
/// plan runs. Every task must still complete, and exactly once.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReplicaKillTests(ITestOutputHelper output)
{
    private const int Chains = 6;
    private const int ChainLength = 8;

    /// <summary>Each model turn takes this long, so that the plan is still running when the replicas are killed.</summary>
    private const int SimulatorLatencyMs = 250;

    private static readonly string[] Replicated = ["executor", "planner", "conversation"];

    [Fact]
    public async Task A_plan_of_many_autonomous_tasks_completes_every_task_exactly_once_while_a_replica_of_each_service_is_killed()
    {
        await using var system = await SystemUnderTest.StartAsync(
            output,
            Replicated.ToDictionary(name => name, _ => 2),
            builder => builder.CreateResourceBuilder((ProjectResource)builder.Resources.Single(r => r.Name == "modelsim"))
                .WithEnvironment("Simulator__LatencyMs", SimulatorLatencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var api = new GatewayApi(system.Gateway);
        foreach (var name in Replicated)
        {
            Assert.Equal(2, system.Resources.InstancesOf(name).Count);
        }

        // Six chains of eight autonomous tasks: each task depends on the one before it in its chain.
        var plan = await api.CreatePlanAsync("Prepare the shop for the holiday season: catalogue, prices, pages, mails, stock and support");
        var planId = GatewayApi.Id(plan);
        var rootId = GatewayApi.Id(Assert.Single(GatewayApi.Tasks(plan)));
        var tasks = new List<Guid>();
        for (var chain = 0; chain < Chains; chain++)
        {
            Guid? previous = null;
            for (var step = 0; step < ChainLength; step++)
            {
                previous = await api.AddTaskAsync(planId, rootId, $"Chain {chain + 1} step {step + 1}",
                    $"Do step {step + 1} of part {chain + 1} of the holiday preparations and report what was done.", previous is { } p ? [p] : []);
                tasks.Add(previous.Value);
            }
        }

        var clock = Stopwatch.StartNew();
        await api.ApproveAsync(planId);

        // Once the first tasks have completed, kill one replica of each service, one after the other.
        var killed = new List<(Instance Instance, ProcessInfo Process, TimeSpan At, int CompletedBefore)>();
        var completedAtFirstKill = -1;
        var finished = await api.WaitUntilFinishedAsync(planId, TimeSpan.FromMinutes(8), async view =>
        {
            var completed = GatewayApi.Tasks(view).Count(t => t["status"]!.GetValue<string>() == "completed");
            if (killed.Count < Replicated.Length && completed >= Chains + (killed.Count * 2))
            {
                if (completedAtFirstKill < 0)
                {
                    completedAtFirstKill = completed;
                }

                var name = Replicated[killed.Count];
                var victim = system.Resources.InstancesOf(name).First(i => i.IsHealthy);
                killed.Add((victim, system.Kill(victim, system.ServiceProcessOf), clock.Elapsed, completed));
            }
        });
        var duration = clock.Elapsed;

        // The killed replicas run again, each as a new process.
        var restarts = new List<string>();
        foreach (var (instance, process, at, completedBefore) in killed)
        {
            var after = await system.WaitForRestartAsync(instance, TimeSpan.FromMinutes(2));
            Assert.False(process.IsAlive);
            Assert.NotEqual(process.Pid, (await system.WaitForServiceProcessAsync(after, TimeSpan.FromSeconds(60))).Pid);
            restarts.Add($"{instance.Id} killed at {SystemUnderTest.Seconds(at)} s ({completedBefore} tasks completed), runs {system.Resources.RunsOf(instance.Id)} times");
        }

        var history = await api.HistoryAsync(planId);
        var executions = await api.ExecutionsAsync(planId);
        var attempts = executions.Where(e => tasks.Contains(e["taskId"]!.GetValue<Guid>())).Sum(e => e["attempts"]!.GetValue<int>());
        output.WriteLine($"[figures] {tasks.Count} autonomous tasks ({Chains} chains of {ChainLength}), plan {finished["status"]} after {SystemUnderTest.Seconds(duration)} s; " +
            $"{killed.Count} replicas killed (first when {completedAtFirstKill} tasks had completed), {restarts.Count} restarted; {attempts} attempts in all; " +
            $"{history.Count} events in the plan's history ({tasks.Sum(id => GatewayApi.Count(history, "task-started", id))} task-started: a start reported after its completion is dropped)");
        foreach (var line in restarts)
        {
            output.WriteLine("  " + line);
        }

        Assert.Equal(Replicated.Length, killed.Count);
        Assert.True(killed.All(k => k.CompletedBefore < tasks.Count), "every kill happened while tasks were still running");
        Assert.Equal("completed", finished["status"]!.GetValue<string>());

        // None lost: every task completed, with a result.
        var final = GatewayApi.Tasks(finished);
        Assert.Equal(tasks.Count + 1, final.Count);
        Assert.All(final, t => Assert.True(t["status"]!.GetValue<string>() == "completed", $"{t["title"]} is {t["status"]}"));
        Assert.All(final, t => Assert.False(string.IsNullOrWhiteSpace(t["result"]?.GetValue<string>()), $"{t["title"]} has no result"));

        // None twice: one completion per task in the plan's history, one execution per task that completed in one attempt.
        var completions = tasks.Append(rootId).ToDictionary(id => id, id => GatewayApi.Count(history, "task-completed", id));
        Assert.True(completions.Values.All(n => n == 1),
            "tasks completed other than once: " + string.Join(", ", completions.Where(c => c.Value != 1).Select(c => $"{c.Key}×{c.Value}")));
        Assert.DoesNotContain(history, e => e["type"]!.GetValue<string>() is "task-failed" or "task-retried");
        Assert.Single(history, e => e["type"]!.GetValue<string>() == "plan-finished");
        Assert.All(tasks, id =>
        {
            var execution = Assert.Single(executions, e => e["taskId"]!.GetValue<Guid>() == id);
            Assert.Equal("completed", execution["status"]!.GetValue<string>());
            Assert.Equal(1, execution["attempts"]!.GetValue<int>());
            Assert.NotNull(execution["completedAt"]?.GetValue<DateTimeOffset>());
        });

        // Dependency order held through the kills: each task was readied once, after what it depends on had completed.
        // (A task-started report that arrives after the task's completion is dropped by design, so starts are not counted.)
        Assert.All(tasks, id => Assert.Equal(1, GatewayApi.Count(history, "task-readied", id)));
        DateTimeOffset At(string type, Guid task) =>
            history.Single(e => e["type"]!.GetValue<string>() == type && e["data"]?["taskId"]?.GetValue<Guid>() == task)["at"]!.GetValue<DateTimeOffset>();
        foreach (var task in final.Where(t => t["parentId"] is not null))
        {
            foreach (var dependency in task["dependsOn"]!.AsArray().Select(d => d!.GetValue<Guid>()))
            {
                Assert.True(At("task-readied", GatewayApi.Id(task)) >= At("task-completed", dependency), $"{task["title"]} was readied before its dependency completed");
            }
        }

        await system.StopAndAssertNothingIsLeftAsync();
    }
}
