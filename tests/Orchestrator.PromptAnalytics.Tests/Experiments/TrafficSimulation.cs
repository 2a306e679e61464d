using Orchestrator.PromptAnalytics.Experiments;
using Orchestrator.PromptAnalytics.Experiments.Assigning;
using Orchestrator.PromptAnalytics.Experiments.Results;
using Orchestrator.PromptAnalytics.Library;
using Orchestrator.PromptAnalytics.Library.Resolving;
using Orchestrator.PromptAnalytics.Outcomes;

namespace Orchestrator.PromptAnalytics.Tests.Experiments;

/// <summary>
/// Simulated traffic through the service's own decisions: each subject is assigned by <see cref="ResolveDecision"/>,
/// succeeds with its variant's true rate, and is counted by the tally's evolution. Subject i's luck is the same
/// uniform draw whatever variant it gets, so two policies can be compared on the same traffic.
/// </summary>
internal static class TrafficSimulation
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static (ExperimentResults Results, double Regret, IReadOnlyList<int> Assigned) Run(AllocationKind allocation, IReadOnlyList<double> truth, int subjects, int seed, int minimumSample = 200)
    {
        var experimentId = new Guid(seed, 7, 7, [0, 0, 0, 0, 0, 0, 0, 1]);
        var variants = truth.Select((_, i) => new ExperimentVariant($"decompose:{i + 1}", 1, ((char)('A' + i)).ToString())).ToList();
        var running = new RunningExperiment(experimentId, variants, allocation, OutcomeMetrics.Approval);
        var experiment = new Experiment(experimentId, "decompose", ExperimentStatus.Running, variants, allocation, OutcomeMetrics.Approval, minimumSample, 0.05, Start, null, null, null);
        var luck = new Random(seed);
        var assigned = new int[truth.Count];
        ExperimentTally? tally = null;
        var arms = new ArmCounts[truth.Count];
        var regret = 0.0;
        for (var i = 0; i < subjects; i++)
        {
            var subject = AllocationTests.DeterministicSubject(seed * 100_003 + i);
            var chosen = ResolveDecision.Choose(running, subject, arms);
            var index = variants.IndexOf(chosen);
            assigned[index]++;
            var success = luck.NextDouble() < truth[index];
            regret += truth.Max() - truth[index];
            arms[index] = success ? arms[index] with { Successes = arms[index].Successes + 1 } : arms[index] with { Failures = arms[index].Failures + 1 };
            tally = ExperimentTallyEvolution.Evolve(tally, experimentId, new VariantAssigned(Guid.NewGuid(), experimentId, "decompose", subject, chosen.VersionId, chosen.Variant, Start));
            tally = ExperimentTallyEvolution.Evolve(tally, experimentId, new OutcomeRecorded(
                Guid.NewGuid(), subject, "decompose", chosen.VersionId, experimentId, chosen.Variant, OutcomeMetrics.Approval, success, null, null, null, "simulation", Start));
        }

        return (ExperimentResultsCalculator.Compute(experiment, tally), regret, assigned);
    }
}
