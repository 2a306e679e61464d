using System.Diagnostics.Metrics;

namespace Orchestrator.Eventing;

/// <summary>Counters of bus messages handled and of duplicates dropped, per consumer.</summary>
public static class EventingMetrics
{
    public const string MeterName = "Orchestrator.Eventing";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Handled = Meter.CreateCounter<long>("orchestrator.messages.handled", description: "Bus messages whose effect was recorded.");

    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("orchestrator.messages.duplicates", description: "Redelivered bus messages dropped because their effect was already recorded.");
}
