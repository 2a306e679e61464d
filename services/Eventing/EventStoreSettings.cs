namespace Orchestrator.Eventing;

/// <summary>Settings under <c>Orchestrator:EventStore</c>.</summary>
public sealed class EventStoreSettings
{
    public const string SectionName = "Orchestrator:EventStore";

    /// <summary>
    /// Whether this instance runs Marten's async daemon (projections and the bus relay). Exactly one
    /// instance of each service should: the daemon runs in Solo mode, never HotCold.
    /// </summary>
    public bool RunDaemon { get; set; } = true;
}
