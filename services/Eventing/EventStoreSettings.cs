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

    /// <summary>
    /// Whether the integration events of a session's appended events go on the bus right after its commit (the fast
    /// path). On by default; off only in tests of the relay alone, the backstop behind it.
    /// </summary>
    public bool DispatchOnCommit { get; set; } = true;

    /// <summary>
    /// How old an event is before the relay publishes it when the fast path has not: time for the fast path to publish
    /// and mark it, so that the two paths rarely both publish one event.
    /// </summary>
    public TimeSpan RelayDelay { get; set; } = TimeSpan.FromSeconds(2);
}
