namespace Orchestrator.Eventing;

/// <summary>Settings under <c>Orchestrator:EventStore</c>.</summary>
public sealed class EventStoreSettings
{
    public const string SectionName = "Orchestrator:EventStore";

    /// <summary>
    /// Whether this instance takes part in running Marten's async daemon (projections and the bus relay). On by
    /// default: the daemon runs in HotCold mode, so among the instances of a service one at a time runs it and
    /// another takes over when it stops. Off only in tests that drive the daemon's work themselves.
    /// </summary>
    public bool RunDaemon { get; set; } = true;
}
