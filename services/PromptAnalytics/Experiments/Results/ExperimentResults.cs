using System.Globalization;
using Orchestrator.PromptAnalytics.Experiments.Statistics;
using Orchestrator.PromptAnalytics.Outcomes;

namespace Orchestrator.PromptAnalytics.Experiments.Results;

/// <summary>
/// One variant's statistics on the experiment's metric. <paramref name="PValue"/> compares it with the best variant
/// (for the best: its largest p-value against any other); <paramref name="Low"/>/<paramref name="High"/> bound the
/// Wilson 95% interval of <paramref name="Rate"/>.
/// </summary>
public sealed record VariantResult(
    string VersionId,
    string Variant,
    double Weight,
    long Assigned,
    long N,
    long Successes,
    double? Rate,
    double? Low,
    double? High,
    double? PValue,
    double? ProbabilityBest,
    double? MeanValue,
    double? MeanTokens,
    double? MeanLatencyMs);

/// <summary>
/// An experiment's results. A winner is declared only when every variant has <paramref name="MinimumSample"/>
/// outcomes and the best one beats each other at <paramref name="AdjustedSignificance"/> (the significance level
/// split over the comparisons, Bonferroni); <paramref name="Decision"/> says in words why or why not.
/// </summary>
public sealed record ExperimentResults(
    Guid Id,
    string Prompt,
    ExperimentStatus Status,
    string Allocation,
    string Metric,
    int MinimumSample,
    double Significance,
    double AdjustedSignificance,
    IReadOnlyList<VariantResult> Variants,
    string? Winner,
    string Decision,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? PromotedVersionId);

public static class ExperimentResultsCalculator
{
    /// <summary>Computes the results of <paramref name="experiment"/> from its tally; pure.</summary>
    public static ExperimentResults Compute(Experiment experiment, ExperimentTally? tally)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var arms = experiment.Variants
            .Select(v => (Variant: v, Tally: tally?.For(v.VersionId) ?? Tally.Empty))
            .Select(a => (a.Variant, a.Tally, Metric: a.Tally.Metric(experiment.Metric)))
            .ToList();
        var comparisons = Math.Max(1, arms.Count - 1);
        var adjusted = experiment.Significance / comparisons;

        var probabilities = Proportions.ProbabilityToBeBest([.. arms.Select(a => (a.Metric.Successes, a.Metric.N))]);
        var best = arms
            .Select((a, i) => (Index: i, Rate: a.Metric.N == 0 ? double.NegativeInfinity : (double)a.Metric.Successes / a.Metric.N))
            .OrderByDescending(a => a.Rate)
            .ThenByDescending(a => probabilities[a.Index])
            .First().Index;
        var bestMetric = arms[best].Metric;

        double? PValueAgainstBest(int i) => i == best
            ? arms.Where((_, j) => j != best).Select(o => Proportions.TwoProportionPValue(bestMetric.Successes, bestMetric.N, o.Metric.Successes, o.Metric.N)).Max()
            : Proportions.TwoProportionPValue(arms[i].Metric.Successes, arms[i].Metric.N, bestMetric.Successes, bestMetric.N);

        var variants = arms.Select((a, i) =>
        {
            var interval = Proportions.Wilson(a.Metric.Successes, a.Metric.N);
            return new VariantResult(
                a.Variant.VersionId,
                a.Variant.Variant,
                a.Variant.Weight,
                a.Tally.Assigned,
                a.Metric.N,
                a.Metric.Successes,
                a.Metric.N == 0 ? null : (double)a.Metric.Successes / a.Metric.N,
                interval?.Low,
                interval?.High,
                PValueAgainstBest(i),
                probabilities[i],
                a.Metric.ValueCount == 0 ? null : a.Metric.ValueSum / a.Metric.ValueCount,
                a.Tally.MeanTokens,
                a.Tally.MeanLatencyMs);
        }).ToList();

        var (winner, decision) = Decide(experiment, variants, best, adjusted);
        return new ExperimentResults(
            experiment.Id,
            experiment.Prompt,
            experiment.Status,
            ApiJson.Word(experiment.Allocation),
            experiment.Metric,
            experiment.MinimumSample,
            experiment.Significance,
            adjusted,
            variants,
            winner,
            decision,
            experiment.StartedAt,
            experiment.EndedAt,
            experiment.PromotedVersionId);
    }

    private static (string? Winner, string Decision) Decide(Experiment experiment, IReadOnlyList<VariantResult> variants, int best, double adjusted)
    {
        var undersampled = variants.Where(v => v.N < experiment.MinimumSample).ToList();
        if (undersampled.Count > 0)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"No winner yet: every variant needs {experiment.MinimumSample} outcomes on '{experiment.Metric}'; {string.Join(", ", undersampled.Select(v => $"{v.Variant} has {v.N}"))}."));
        }

        var leader = variants[best];
        var notBeaten = variants.Where((v, i) => i != best && !(v.PValue < adjusted)).ToList();
        if (notBeaten.Count > 0)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"No winner yet: {leader.Variant} ({leader.VersionId}) leads with {leader.Rate:P1} but is not significantly better than {string.Join(", ", notBeaten.Select(v => $"{v.Variant} (p = {v.PValue:0.####})"))} at the adjusted level {adjusted:0.####}."));
        }

        return (leader.VersionId, string.Create(CultureInfo.InvariantCulture,
            $"{leader.Variant} ({leader.VersionId}) wins: {leader.Rate:P1} on '{experiment.Metric}', better than every other variant with p < {adjusted:0.####} and at least {experiment.MinimumSample} outcomes each."));
    }
}
