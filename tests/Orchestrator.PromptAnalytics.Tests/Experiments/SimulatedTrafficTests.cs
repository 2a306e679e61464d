using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Tests.Experiments;

public sealed class SimulatedTrafficTests
{
    private static readonly double[] Truth = [0.60, 0.70];

    [Fact]
    public void A_fixed_split_of_2000_subjects_finds_the_better_variant_and_its_intervals_cover_the_truth()
    {
        const int runs = 200;
        var rightWinner = 0;
        var wrongWinner = 0;
        var covered = 0;
        for (var seed = 1; seed <= runs; seed++)
        {
            var (results, _, _) = TrafficSimulation.Run(AllocationKind.Fixed, Truth, 2_000, seed);
            rightWinner += results.Winner == "decompose:2" ? 1 : 0;
            wrongWinner += results.Winner == "decompose:1" ? 1 : 0;
            covered += results.Variants.Select((v, i) => v.Low <= Truth[i] && Truth[i] <= v.High ? 1 : 0).Sum();
            Assert.Equal(2_000, results.Variants.Sum(v => v.N));
        }

        // With ~1,000 subjects per arm the test has ~99% power at alpha 0.05; a 95% interval misses ~5% of the time.
        Assert.True(rightWinner >= runs * 0.95, $"right winner in {rightWinner} of {runs} runs");
        Assert.Equal(0, wrongWinner);
        Assert.True(covered >= runs * 2 * 0.92, $"intervals covered the true rate {covered} times of {runs * 2}");
    }

    [Fact]
    public void No_winner_is_declared_between_equal_variants_in_most_runs()
    {
        const int runs = 100;
        var declared = Enumerable.Range(1, runs).Count(seed => TrafficSimulation.Run(AllocationKind.Fixed, [0.65, 0.65], 2_000, seed).Results.Winner is not null);
        Assert.True(declared <= runs * 0.10, $"a winner was declared in {declared} of {runs} runs between equal variants");
    }

    [Fact]
    public void The_bandit_loses_less_than_the_fixed_split_on_the_same_traffic()
    {
        const int runs = 20;
        var fixedRegret = new double[runs];
        var banditRegret = new double[runs];
        for (var seed = 1; seed <= runs; seed++)
        {
            fixedRegret[seed - 1] = TrafficSimulation.Run(AllocationKind.Fixed, Truth, 2_000, seed).Regret;
            banditRegret[seed - 1] = TrafficSimulation.Run(AllocationKind.Bandit, Truth, 2_000, seed).Regret;
        }

        Assert.True(banditRegret.Average() < fixedRegret.Average() / 2, $"mean regret: bandit {banditRegret.Average():0.0}, fixed {fixedRegret.Average():0.0}");
        Assert.True(Enumerable.Range(0, runs).Count(i => banditRegret[i] < fixedRegret[i]) >= runs - 1, "the bandit lost more than the fixed split in more than one run");
    }

    [Fact]
    public void The_bandit_moves_traffic_to_the_better_variant()
    {
        var (_, _, assigned) = TrafficSimulation.Run(AllocationKind.Bandit, Truth, 2_000, seed: 3);
        Assert.True(assigned[1] > 2_000 * 0.75, $"the better variant got {assigned[1]} of 2000 subjects");
    }
}
