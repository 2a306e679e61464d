namespace Orchestrator.Eventing;

/// <summary>Records that the integration event of event <paramref name="Id"/> went on the bus right after its commit, so the relay skips it.</summary>
public sealed record DispatchedEvent(Guid Id, DateTimeOffset At);
