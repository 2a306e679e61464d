using Orchestrator.AppHost.Hosting;
using Orchestrator.AppHost.Local;
using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Tests;

/// <summary>Supervision against a scripted launcher: no processes, real timing (the first restart waits 1 s).</summary>
public class ResourceSupervisorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_resource_that_exits_on_its_own_is_restarted_and_counted()
    {
        var launcher = new ScriptedLauncher();
        var supervisor = CreateSupervisor(launcher);

        supervisor.Start();
        await supervisor.Healthy.WaitAsync(Patience);
        launcher.Instances[0].Exit(1);
        await Eventually(() => supervisor.Snapshot() is { State: "running", Restarts: 1 } && launcher.Instances.Count == 2);

        Assert.Contains(supervisor.Log.Recent(), line => line.FromAppHost && line.Text.StartsWith("exited with code 1", StringComparison.Ordinal));
        Assert.Contains(supervisor.Log.Recent(), line => line.FromAppHost && line.Text == "restarting in 1 s");
        Assert.True(launcher.Instances[0].Disposed);
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task A_missing_prerequisite_fails_at_once_instead_of_retrying()
    {
        var launcher = new ScriptedLauncher { StartFailure = new PrerequisiteMissingException("install the thing") };
        var supervisor = CreateSupervisor(launcher);

        supervisor.Start();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => supervisor.Healthy.WaitAsync(Patience));
        Assert.Contains("install the thing", error.Message, StringComparison.Ordinal);
        Assert.Equal("install the thing", supervisor.FailureReason);
        Assert.Equal("unhealthy", supervisor.Snapshot().State);
        Assert.Equal(1, launcher.StartCalls);
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task Health_failures_after_a_healthy_start_show_as_unhealthy_then_recover()
    {
        var launcher = new ScriptedLauncher();
        var supervisor = CreateSupervisor(launcher);
        supervisor.Start();
        await supervisor.Healthy.WaitAsync(Patience);

        launcher.Healthy = false;
        await Eventually(() => supervisor.Snapshot() is { State: "unhealthy", Health: "unhealthy" });
        launcher.Healthy = true;
        await Eventually(() => supervisor.Snapshot() is { State: "running", Health: "healthy" });
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task Stopping_stops_the_running_instance_and_reports_stopped()
    {
        var launcher = new ScriptedLauncher();
        var supervisor = CreateSupervisor(launcher);
        supervisor.Start();
        await supervisor.Healthy.WaitAsync(Patience);

        await supervisor.StopAsync();

        Assert.True(launcher.Instances.Single().Disposed);
        var snapshot = supervisor.Snapshot();
        Assert.Equal(("stopped", "unknown", (int?)null, 0), (snapshot.State, snapshot.Health, snapshot.Pid, snapshot.Restarts));
        Assert.Equal(["http://127.0.0.1:6001"], snapshot.Endpoints);
        supervisor.Start();
        Assert.Single(launcher.Instances);
    }

    private static ResourceSupervisor CreateSupervisor(ScriptedLauncher launcher)
    {
        var builder = TestApplication.CreateBuilder();
        var resource = builder.AddProject("svc", "services/Planner/Orchestrator.Planner.csproj").WithHttpEndpoint(6001).Resource;
        return new ResourceSupervisor(resource, launcher, new ConsoleLog(["svc", ConsoleLog.AppHostName]));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }

    private sealed class ScriptedLauncher : IResourceLauncher
    {
        private int _startCalls;

        public List<ScriptedInstance> Instances { get; } = [];

        public Exception? StartFailure { get; init; }

        public volatile bool Healthy = true;

        public int StartCalls => _startCalls;

        public Task<IRunningResource> StartAsync(Action<string> output, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _startCalls);
            if (StartFailure is not null)
            {
                throw StartFailure;
            }

            var instance = new ScriptedInstance(1000 + Instances.Count);
            lock (Instances)
            {
                Instances.Add(instance);
            }

            output("started");
            return Task.FromResult<IRunningResource>(instance);
        }

        public Task<bool> CheckHealthAsync(CancellationToken cancellationToken) => Task.FromResult(Healthy);
    }

    private sealed class ScriptedInstance(int pid) : IRunningResource
    {
        private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int? ProcessId { get; } = pid;

        public Task<int> Exited => _exited.Task;

        public bool Disposed { get; private set; }

        public void Exit(int code) => _exited.TrySetResult(code);

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            _exited.TrySetResult(0);
            return ValueTask.CompletedTask;
        }
    }
}
