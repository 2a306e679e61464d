using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orchestrator.SystemTests;

/// <summary>One instance of a resource (a replica of a project, or the only instance of a server) as the AppHost last reported it.</summary>
internal sealed record Instance(string Resource, string Id, string? State, HealthStatus? Health, int? Pid, int? ExitCode, IReadOnlyList<int> Ports)
{
    public bool IsHealthy => State == KnownResourceStates.Running && Health == HealthStatus.Healthy;

    public override string ToString() => $"{Id}: {State ?? "?"}/{Health?.ToString() ?? "-"} pid {Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
}

/// <summary>
/// Follows the AppHost's resource notifications and keeps the latest snapshot of every instance (replicas are
/// instances of one resource, each with its own id), so that a test can wait for any condition over all of them.
/// </summary>
internal sealed class ResourceWatcher : IAsyncDisposable
{
    /// <summary>The snapshot property in which DCP reports an executable's (or a project's) process id.</summary>
    private const string PidProperty = "executable.pid";

    private readonly ConcurrentDictionary<string, Instance> _instances = new();
    private readonly ConcurrentDictionary<string, int> _runs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResourceWatcher(ResourceNotificationService notifications)
    {
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in notifications.WatchAsync(_stop.Token))
                {
                    var snapshot = update.Snapshot;
                    var pid = snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value is { } value
                        && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
                    var ports = snapshot.Urls.Select(u => Uri.TryCreate(u.Url, UriKind.Absolute, out var uri) ? uri.Port : 0).Where(p => p > 0).ToList();
                    var instance = new Instance(update.Resource.Name, update.ResourceId, snapshot.State?.Text, snapshot.HealthStatus, pid, snapshot.ExitCode, ports);
                    _instances.AddOrUpdate(update.ResourceId, instance, (_, previous) =>
                    {
                        if (instance.State == KnownResourceStates.Running && previous.State != KnownResourceStates.Running)
                        {
                            _runs.AddOrUpdate(update.ResourceId, 1, (_, n) => n + 1);
                        }

                        return instance;
                    });
                    if (instance.State == KnownResourceStates.Running)
                    {
                        _runs.TryAdd(update.ResourceId, 1);
                    }

                    Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public IReadOnlyList<Instance> All => [.. _instances.Values.OrderBy(i => i.Id, StringComparer.Ordinal)];

    public IReadOnlyList<Instance> InstancesOf(string resource) => [.. All.Where(i => i.Resource == resource)];

    /// <summary>How many times the instance was seen entering Running (1 for one that never restarted).</summary>
    public int RunsOf(string instanceId) => _runs.GetValueOrDefault(instanceId);

    /// <summary>Waits until <paramref name="condition"/> holds over the latest snapshots; fails with what it saw otherwise.</summary>
    public async Task<IReadOnlyList<Instance>> WaitUntilAsync(Func<IReadOnlyList<Instance>, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var changed = _changed.Task;
            var all = All;
            if (condition(all))
            {
                return all;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. Resources: {string.Join("; ", all)}");
            }

            // Health checks are polled by the AppHost, and a notification may be missed between reads: look again at least every second.
            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1)));
        }
    }

    /// <summary>Every named resource has exactly its expected number of instances, all running and healthy.</summary>
    public Task<IReadOnlyList<Instance>> WaitUntilHealthyAsync(IReadOnlyDictionary<string, int> expected, TimeSpan timeout) =>
        WaitUntilAsync(all => expected.All(e => all.Count(i => i.Resource == e.Key) == e.Value && all.Where(i => i.Resource == e.Key).All(i => i.IsHealthy)),
            timeout, "every resource to be running and healthy (" + string.Join(", ", expected.Select(e => $"{e.Key}×{e.Value}")) + ")");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
