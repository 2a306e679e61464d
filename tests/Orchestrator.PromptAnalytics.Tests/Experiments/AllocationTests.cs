using Orchestrator.PromptAnalytics.Experiments.Assigning;

namespace Orchestrator.PromptAnalytics.Tests.Experiments;

public sealed class AllocationTests
{
    private static readonly Guid Experiment = Guid.Parse("0195f3a0-0000-7000-8000-000000000001");

    [Fact]
    public void The_same_subject_always_gets_the_same_fixed_variant()
    {
        var subjects = Enumerable.Range(0, 500).Select(i => DeterministicSubject(i)).ToList();
        var first = subjects.Select(s => Allocation.Fixed([1, 1, 1], Experiment, s)).ToList();
        var again = subjects.Select(s => Allocation.Fixed([1, 1, 1], Experiment, s)).ToList();

        Assert.Equal(first, again);
        Assert.Equal([0, 1, 2], first.Distinct().Order());
    }

    [Fact]
    public void Fixed_allocation_follows_the_weights()
    {
        var counts = new int[2];
        for (var i = 0; i < 20_000; i++)
        {
            counts[Allocation.Fixed([1, 3], Experiment, DeterministicSubject(i))]++;
        }

        Assert.InRange(counts[1] / 20_000.0, 0.735, 0.765);
    }

    [Fact]
    public void Different_experiments_split_the_same_subjects_independently()
    {
        var other = Guid.Parse("0195f3a0-0000-7000-8000-000000000002");
        var agree = Enumerable.Range(0, 4_000).Count(i => Allocation.Fixed([1, 1], Experiment, DeterministicSubject(i)) == Allocation.Fixed([1, 1], other, DeterministicSubject(i)));
        Assert.InRange(agree / 4_000.0, 0.46, 0.54);
    }

    [Fact]
    public void Thompson_sampling_favours_the_arm_with_better_evidence_but_still_explores()
    {
        var picks = Enumerable.Range(0, 2_000)
            .Select(i => Allocation.Thompson([new ArmCounts(60, 40), new ArmCounts(75, 25)], Experiment, DeterministicSubject(i)))
            .ToList();

        var share = picks.Count(p => p == 1) / 2_000.0;
        Assert.InRange(share, 0.9, 0.999);
        Assert.Equal(picks, Enumerable.Range(0, 2_000).Select(i => Allocation.Thompson([new ArmCounts(60, 40), new ArmCounts(75, 25)], Experiment, DeterministicSubject(i))));
    }

    [Fact]
    public void Thompson_sampling_without_evidence_splits_evenly()
    {
        var share = Enumerable.Range(0, 4_000).Count(i => Allocation.Thompson([new ArmCounts(0, 0), new ArmCounts(0, 0)], Experiment, DeterministicSubject(i)) == 0) / 4_000.0;
        Assert.InRange(share, 0.45, 0.55);
    }

    internal static Guid DeterministicSubject(int i) => new(i, 0x1234, 0x5678, [1, 2, 3, 4, 5, 6, 7, 8]);
}
