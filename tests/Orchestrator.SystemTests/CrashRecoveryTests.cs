using System.Diagnostics;
using Xunit.Abstractions;

namespace Orchestrator.SystemTests;

/// <summary>A service, PostgreSQL and RabbitMQ killed outright are started again by the AppHost, and the system serves plans again.</summary>
[Collection(SystemCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_killed_planner_postgres_and_rabbitmq_each_come_back_and_the_system_still_runs_plans()
    {
        await using var system = await SystemUnderTest.StartAsync(output);
        var api = new GatewayApi(system.Gateway);
        await RunOnePlanAsync(api, "before any crash");

        await CrashAndRecoverAsync(system, api, "planner", system.ServiceProcessOf);
        await CrashAndRecoverAsync(system, api, "postgres", SystemUnderTest.PostmasterOf);
        await CrashAndRecoverAsync(system, api, "rabbitmq", SystemUnderTest.ErlangVmOf);

        await system.StopAndAssertNothingIsLeftAsync();
    }

    private async Task CrashAndRecoverAsync(SystemUnderTest system, GatewayApi api, string resource, Func<Instance, ProcessInfo> target)
    {
        var before = Assert.Single(system.Resources.InstancesOf(resource));
        Assert.True(before.IsHealthy, $"{before} should be healthy before the kill");
        var runs = system.Resources.RunsOf(before.Id);
        var clock = Stopwatch.StartNew();
        var killed = system.Kill(before, target);

        var after = await system.WaitForRestartAsync(before, RestartTimeout);
        var back = clock.Elapsed;
        var replacement = target(after);
        output.WriteLine($"[timing] {resource}: killed pid {killed.Pid}; running again as pid {replacement.Pid} and everything healthy after {SystemUnderTest.Seconds(back)} s");

        Assert.False(killed.IsAlive, $"the killed {resource} process {killed.Pid} is still alive");
        Assert.NotEqual(killed.Pid, replacement.Pid);
        Assert.Equal(runs + 1, system.Resources.RunsOf(before.Id));
        Assert.Single(system.Resources.InstancesOf(resource));

        await RunOnePlanAsync(api, $"after {resource} was killed");
    }

    /// <summary>A plan with one autonomous task, approved and run to completion.</summary>
    private async Task RunOnePlanAsync(GatewayApi api, string when)
    {
        var clock = Stopwatch.StartNew();
        var plan = await api.CreatePlanAsync($"Summarise the shop's returns policy ({when})");
        var planId = GatewayApi.Id(plan);
        var rootId = GatewayApi.Id(Assert.Single(GatewayApi.Tasks(plan)));
        var task = await api.AddTaskAsync(planId, rootId, "Summarise the policy", "Summarise the returns policy in five sentences.", []);
        await api.ApproveAsync(planId);

        var finished = await api.WaitUntilFinishedAsync(planId, TimeSpan.FromMinutes(3));
        Assert.Equal("completed", finished["status"]!.GetValue<string>());
        var history = await api.HistoryAsync(planId);
        Assert.Equal(1, GatewayApi.Count(history, "task-completed", task));
        output.WriteLine($"[timing] a one-task plan {when}: completed in {SystemUnderTest.Seconds(clock.Elapsed)} s");
    }
}
