using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.AppHost;

/// <summary>
/// Starts again, with backoff, any service or server that stops by itself (a crash, a kill): Aspire leaves such a
/// resource exited. A resource stopped on purpose (the dashboard's Stop, the AppHost stopping) stays stopped. Each
/// restart is written to the resource's console log, so the dashboard shows it.
/// </summary>
internal sealed class CrashRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    ILogger<CrashRestarter> logger)
{
    /// <summary>A resource that ran this long before it stopped starts again at once; its backoff starts over.</summary>
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Instance> _instances = [];

    /// <summary>The delay before restart number <paramref name="attempt"/> (1-based): 1 s, 2 s, 4 s, … up to 30 s.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Max(0, attempt - 1))));

    private Task? _watching;

    /// <summary>
    /// Starts watching, before Aspire starts any resource (from <see cref="BeforeStartEvent"/>): hosted services start one
    /// after another, and Aspire's own start waits for resources, so a hosted watcher would miss a service that crashes
    /// while the others are still waiting for it, and that start would then wait forever.
    /// </summary>
    public void Start() => _watching ??= Task.Run(() => WatchAsync(lifetime.ApplicationStopping));

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WatchUpdatesAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WatchUpdatesAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            var state = update.Snapshot.State?.Text;
            if (state is null)
            {
                continue;
            }

            if (!_instances.TryGetValue(update.ResourceId, out var instance))
            {
                instance = new Instance();
                _instances[update.ResourceId] = instance;
            }

            var previous = instance.State;
            instance.State = state;
            if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
            {
                instance.RunningSince = DateTimeOffset.UtcNow;
            }

            // Stopped without being asked to (no Stopping before it), whether it had got as far as Running or not: a
            // service that crashes while it starts comes back too.
            var stoppedByItself = IsStopped(state) && previous is not null && previous != KnownResourceStates.Stopping
                && !IsStopped(previous) && ServiceResources.IsSystemResource(update.Resource);
            var failedToRestart = instance.Restarting && state == KnownResourceStates.FailedToStart;
            if ((stoppedByItself || failedToRestart) && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                if (DateTimeOffset.UtcNow - instance.RunningSince >= StableRun)
                {
                    instance.Attempts = 0;
                }

                instance.Attempts++;
                instance.Restarting = true;
                _ = RestartAsync(update.ResourceId, update.Snapshot.ExitCode, instance.Attempts, stoppingToken);
            }
            else if (state == KnownResourceStates.Running)
            {
                instance.Restarting = false;
            }
        }
    }

    private static bool IsStopped(string state) =>
        state == KnownResourceStates.Exited || state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart;

    private async Task RestartAsync(string resourceId, int? exitCode, int attempt, CancellationToken ct)
    {
        var delay = Backoff(attempt);
        var console = resourceLogs.GetLogger(resourceId);
        var message = $"{resourceId} stopped by itself (exit code {exitCode?.ToString() ?? "unknown"}); starting it again in {delay.TotalSeconds:0} s (restart {attempt}).";
        console.LogWarning("{Message}", message);
        logger.LogWarning("{Message}", message);
        try
        {
            await Task.Delay(delay, ct);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            if (!result.Success)
            {
                logger.LogError("Starting {Resource} again failed: {Error}", resourceId, result.Message);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private sealed class Instance
    {
        public string? State { get; set; }

        public DateTimeOffset RunningSince { get; set; } = DateTimeOffset.UtcNow;

        public int Attempts { get; set; }

        public bool Restarting { get; set; }
    }
}

public static class CrashRestarts
{
    /// <summary>Starts every system resource that stops by itself again, with backoff (see <see cref="CrashRestarter"/>).</summary>
    public static IDistributedApplicationBuilder AddCrashRestarts(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CrashRestarter>();
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<CrashRestarter>().Start();
            return Task.CompletedTask;
        });
        return builder;
    }
}
