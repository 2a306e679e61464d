using JasperFx.Events;
using Marten.Events.Projections;
using Orchestrator.PromptAnalytics.Experiments.Assigning;

namespace Orchestrator.PromptAnalytics.Outcomes;

/// <summary>Trials, successes and the sum of reported values of one metric.</summary>
public sealed record MetricTally(long N, long Successes, double ValueSum, long ValueCount)
{
    public static MetricTally Empty { get; } = new(0, 0, 0, 0);
}

/// <summary>Everything counted for one version (or one variant of an experiment).</summary>
public sealed record Tally(long Assigned, IReadOnlyDictionary<string, MetricTally> Metrics, long TokenSum, long TokenCount, double LatencySum, long LatencyCount)
{
    public static Tally Empty { get; } = new(0, new Dictionary<string, MetricTally>(), 0, 0, 0, 0);

    public MetricTally Metric(string metric) => Metrics.TryGetValue(metric, out var m) ? m : MetricTally.Empty;

    public double? MeanTokens => TokenCount == 0 ? null : (double)TokenSum / TokenCount;

    public double? MeanLatencyMs => LatencyCount == 0 ? null : LatencySum / LatencyCount;

    /// <summary>What the version's model calls cost in US dollars, all told.</summary>
    public decimal CostSum { get; init; }

    /// <summary>The model calls whose cost was reported.</summary>
    public long CostCount { get; init; }

    /// <summary>What one model call cost on average, in US dollars; null before any call was reported.</summary>
    public decimal? MeanCostUsd => CostCount == 0 ? null : CostSum / CostCount;

    /// <summary>Adds one outcome.</summary>
    public Tally Add(OutcomeRecorded outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var metric = Metric(outcome.Metric);
        if (outcome.Revises)
        {
            var revised = metric with { Successes = Math.Clamp(metric.Successes + (outcome.Success ? 1 : -1), 0, metric.N) };
            return this with { Metrics = new Dictionary<string, MetricTally>(Metrics) { [outcome.Metric] = revised } };
        }

        var counted = new MetricTally(
            metric.N + 1,
            metric.Successes + (outcome.Success ? 1 : 0),
            metric.ValueSum + (outcome.Value ?? 0),
            metric.ValueCount + (outcome.Value is null ? 0 : 1));
        return this with
        {
            Metrics = new Dictionary<string, MetricTally>(Metrics) { [outcome.Metric] = counted },
            TokenSum = TokenSum + (outcome.Tokens ?? 0),
            TokenCount = TokenCount + (outcome.Tokens is null ? 0 : 1),
            LatencySum = LatencySum + (outcome.LatencyMs ?? 0),
            LatencyCount = LatencyCount + (outcome.LatencyMs is null ? 0 : 1),
            CostSum = CostSum + (outcome.CostUsd ?? 0m),
            CostCount = CostCount + (outcome.CostUsd is null ? 0 : 1),
        };
    }
}

/// <summary>Per-variant counts of one experiment, keyed by version id.</summary>
public sealed record ExperimentTally(Guid Id, IReadOnlyDictionary<string, Tally> Variants)
{
    public Tally For(string versionId) => Variants.TryGetValue(versionId, out var t) ? t : Tally.Empty;
}

/// <summary>How assignments and outcomes change an experiment's tally.</summary>
public static class ExperimentTallyEvolution
{
    public static ExperimentTally? Evolve(ExperimentTally? state, Guid id, object @event)
    {
        var tally = state ?? new ExperimentTally(id, new Dictionary<string, Tally>());
        return @event switch
        {
            VariantAssigned a => tally with { Variants = new Dictionary<string, Tally>(tally.Variants) { [a.VersionId] = tally.For(a.VersionId) with { Assigned = tally.For(a.VersionId).Assigned + 1 } } },
            OutcomeRecorded { VersionId: { } versionId } o => tally with { Variants = new Dictionary<string, Tally>(tally.Variants) { [versionId] = tally.For(versionId).Add(o) } },
            _ => state,
        };
    }
}

/// <summary>All outcomes of one version, inside experiments or not.</summary>
public sealed record VersionTally(string Id, Tally Tally);

/// <summary>Counts assignments and outcomes per experiment variant (async: the daemon applies events one page at a time, so concurrent outcomes never race).</summary>
public sealed class ExperimentTallyProjection : MultiStreamProjection<ExperimentTally, Guid>
{
    public ExperimentTallyProjection()
    {
        Identity<VariantAssigned>(e => e.ExperimentId);
        Identities<OutcomeRecorded>(e => e.ExperimentId is { } id ? [id] : []);
    }

    public override ExperimentTally? Evolve(ExperimentTally? snapshot, Guid id, IEvent e) => ExperimentTallyEvolution.Evolve(snapshot, id, e.Data);
}

/// <summary>Counts outcomes per prompt version.</summary>
public sealed class VersionTallyProjection : MultiStreamProjection<VersionTally, string>
{
    public VersionTallyProjection()
    {
        Identities<OutcomeRecorded>(e => e.VersionId is { } id ? [id] : []);
    }

    public override VersionTally? Evolve(VersionTally? snapshot, string id, IEvent e) => e.Data switch
    {
        OutcomeRecorded o => new VersionTally(id, (snapshot?.Tally ?? Tally.Empty).Add(o)),
        _ => snapshot,
    };
}
