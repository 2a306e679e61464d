using System.Collections.Concurrent;
using Marten;
using Orchestrator.PromptAnalytics.Library;
using Orchestrator.PromptAnalytics.Outcomes;

namespace Orchestrator.PromptAnalytics.Experiments.Assigning;

/// <summary>
/// What a bandit has learnt so far: successes and failures per variant on the experiment's metric, counted from the
/// stored outcome records themselves. Those are written in the same transaction as the outcome, so the bandit learns
/// from an outcome as soon as it is recorded; the experiment's tally is built by the async daemon and may lag behind
/// under load, which would leave the bandit splitting traffic blindly for as long as it lags. A burst of first
/// assignments shares one count: counts are kept per experiment for <see cref="MaxAge"/>.
/// </summary>
public sealed class BanditEvidence(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset At, IReadOnlyList<ArmCounts> Arms)> _recent = new();

    public async Task<IReadOnlyList<ArmCounts>> CountAsync(IQuerySession session, RunningExperiment experiment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(experiment);
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(experiment.ExperimentId, out var recent) && now - recent.At < MaxAge)
        {
            return recent.Arms;
        }

        var id = experiment.ExperimentId;
        var metric = experiment.Metric;
        var batch = session.CreateBatchQuery();
        var counts = experiment.Variants.Select(v =>
        (
            Trials: batch.Query<OutcomeRecord>().Where(o => o.ExperimentId == id && o.VersionId == v.VersionId && o.Metric == metric).Count(),
            Successes: batch.Query<OutcomeRecord>().Where(o => o.ExperimentId == id && o.VersionId == v.VersionId && o.Metric == metric && o.Success).Count()
        )).ToList();
        await batch.Execute(ct);

        var arms = new List<ArmCounts>(counts.Count);
        foreach (var (trials, successes) in counts)
        {
            var s = await successes;
            arms.Add(new ArmCounts(s, await trials - s));
        }

        _recent[id] = (now, arms);
        return arms;
    }
}
