namespace Orchestrator.AppHost.Orchestration;

/// <summary>How long to wait before restarting a crashed resource: 1 s, 2 s, 4 s … capped at 30 s.</summary>
public static class RestartBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(30);

    /// <summary>A process that stayed up this long before crashing starts the schedule over.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    /// <summary>The delay before the restart that follows <paramref name="consecutiveFailures"/> failures in a row (1 or more).</summary>
    public static TimeSpan Delay(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        var seconds = Initial.TotalSeconds * Math.Pow(2, Math.Min(consecutiveFailures - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, Maximum.TotalSeconds));
    }

    /// <summary>The count of failures in a row after one more, given how long the process ran this time.</summary>
    public static int CountFailure(int consecutiveFailures, TimeSpan uptime) => uptime >= StableAfter ? 1 : consecutiveFailures + 1;
}
