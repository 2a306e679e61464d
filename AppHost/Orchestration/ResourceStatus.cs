namespace Orchestrator.AppHost.Orchestration;

/// <summary>Where a resource is in its life, as the supervisor sees it.</summary>
public enum ResourcePhase
{
    /// <summary>Waiting for its dependencies.</summary>
    Waiting,

    /// <summary>Being started (process launched, not yet healthy once).</summary>
    Starting,

    /// <summary>Running and was healthy at least once.</summary>
    Running,

    /// <summary>Did not become healthy in time, or its start failed for good.</summary>
    Failed,

    /// <summary>Crashed; a restart is scheduled.</summary>
    Exited,

    /// <summary>Stopped by the AppHost.</summary>
    Stopped,
}

/// <summary>The result of the last health check.</summary>
public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>Maps the supervisor's view to the dashboard's <c>state</c> and <c>health</c> words.</summary>
public static class ResourceStatus
{
    /// <summary>One of <c>starting</c>, <c>running</c>, <c>unhealthy</c>, <c>exited</c>, <c>stopped</c>.</summary>
    public static string State(ResourcePhase phase, HealthStatus health) => phase switch
    {
        ResourcePhase.Waiting or ResourcePhase.Starting => "starting",
        ResourcePhase.Running => health == HealthStatus.Unhealthy ? "unhealthy" : "running",
        ResourcePhase.Failed => "unhealthy",
        ResourcePhase.Exited => "exited",
        ResourcePhase.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    /// <summary>One of <c>healthy</c>, <c>unhealthy</c>, <c>unknown</c>; only a live process can be healthy.</summary>
    public static string Health(ResourcePhase phase, HealthStatus health) => phase switch
    {
        ResourcePhase.Waiting or ResourcePhase.Exited or ResourcePhase.Stopped => "unknown",
        _ => health switch
        {
            HealthStatus.Healthy => "healthy",
            HealthStatus.Unhealthy => "unhealthy",
            _ => "unknown",
        },
    };
}
