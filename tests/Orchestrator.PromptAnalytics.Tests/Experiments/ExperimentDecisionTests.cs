using Orchestrator.PromptAnalytics.Experiments;
using Orchestrator.PromptAnalytics.Experiments.Promoting;
using Orchestrator.PromptAnalytics.Experiments.Starting;
using Orchestrator.PromptAnalytics.Experiments.Stopping;
using Orchestrator.PromptAnalytics.Library;
using Orchestrator.PromptAnalytics.Library.AddingVersion;
using Orchestrator.PromptAnalytics.Tests.Library;

namespace Orchestrator.PromptAnalytics.Tests.Experiments;

public sealed class ExperimentDecisionTests
{
    private static readonly Guid ExperimentId = Guid.Parse("0195f3a0-0000-7000-8000-0000000000aa");

    private static PromptTemplate WithTwoVersions()
    {
        var template = LibraryDecisionTests.Seeded("decompose");
        var added = AddVersionDecision.Decide(template, new AddVersion("decompose", "Split {{$request}}", null, null, null, [], LibraryDecisionTests.Now));
        return added.Events.Aggregate((PromptTemplate?)template, PromptTemplateEvolution.Evolve)!;
    }

    private static StartExperiment Start(params VariantRequest[] variants) =>
        new(ExperimentId, "decompose", variants, null, null, 200, 0.05, LibraryDecisionTests.Now);

    private static (PromptTemplate Template, Experiment Experiment) Started()
    {
        var template = WithTwoVersions();
        var decision = StartExperimentDecision.Decide(template, Start(new("decompose:1", 1), new("decompose:2", 1)));
        return (decision.Events.Aggregate((PromptTemplate?)template, PromptTemplateEvolution.Evolve)!, decision.Events.Aggregate((Experiment?)null, ExperimentEvolution.Evolve)!);
    }

    [Fact]
    public void Starting_names_the_variants_and_picks_the_templates_default_metric()
    {
        var (template, experiment) = Started();

        Assert.Equal(ExperimentId, template.Experiment!.ExperimentId);
        Assert.Equal(["A", "B"], experiment.Variants.Select(v => v.Variant));
        Assert.Equal("approval", experiment.Metric);
        Assert.Equal(AllocationKind.Fixed, experiment.Allocation);
        Assert.Equal(ExperimentStatus.Running, experiment.Status);
    }

    [Fact]
    public void The_built_in_alias_counts_as_its_library_version_so_it_cannot_be_listed_twice()
    {
        var decision = StartExperimentDecision.Decide(WithTwoVersions(), Start(new("decompose:1", 1), new("builtin:decompose:2", 1)));
        Assert.Contains("appears twice", decision.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_experiment_runs_per_template()
    {
        var (template, _) = Started();
        var decision = StartExperimentDecision.Decide(template, Start(new("decompose:1", 1), new("decompose:2", 2)) with { ExperimentId = Guid.NewGuid() });
        Assert.Equal(Refusal.Conflict, decision.Problem!.Kind);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Weights_must_be_positive(double weight)
    {
        var decision = StartExperimentDecision.Decide(WithTwoVersions(), Start(new("decompose:1", 1), new("decompose:2", weight)));
        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("'variants[1].weight' must be a positive number", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Promoting_without_a_version_promotes_the_winner_and_ends_the_experiment()
    {
        var (template, experiment) = Started();
        var decision = PromoteDecision.Decide(template, experiment, null, "decompose:2", LibraryDecisionTests.Now);

        var after = decision.Events.Aggregate((PromptTemplate?)template, PromptTemplateEvolution.Evolve)!;
        var ended = decision.Events.Aggregate((Experiment?)experiment, ExperimentEvolution.Evolve)!;
        Assert.Equal("decompose:2", after.Labels["production"]);
        Assert.Null(after.Experiment);
        Assert.Equal(ExperimentStatus.Promoted, ended.Status);
        Assert.Equal("decompose:2", ended.PromotedVersionId);
        Assert.Equal(Refusal.Conflict, PromoteDecision.Decide(after, ended, "decompose:2", null, LibraryDecisionTests.Now).Problem!.Kind);
    }

    [Theory]
    [InlineData("execute:1", "belongs to template 'execute'")]
    [InlineData("decompose:3", "is not a variant of experiment")]
    [InlineData(null, "has no winner yet")]
    public void Promoting_needs_a_variant_of_the_experiment(string? versionId, string detail)
    {
        var (template, experiment) = Started();
        var decision = PromoteDecision.Decide(template, experiment, versionId, null, LibraryDecisionTests.Now);
        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains(detail, decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_experiment_cannot_be_stopped_again_but_can_still_be_promoted()
    {
        var (template, experiment) = Started();
        var stop = StopExperimentDecision.Decide(template, experiment, null, LibraryDecisionTests.Now);
        var stoppedTemplate = stop.Events.Aggregate((PromptTemplate?)template, PromptTemplateEvolution.Evolve)!;
        var stopped = stop.Events.Aggregate((Experiment?)experiment, ExperimentEvolution.Evolve)!;

        Assert.Null(stoppedTemplate.Experiment);
        Assert.Equal(ExperimentStatus.Stopped, stopped.Status);
        Assert.Equal(Refusal.Conflict, StopExperimentDecision.Decide(stoppedTemplate, stopped, null, LibraryDecisionTests.Now).Problem!.Kind);
        Assert.Null(PromoteDecision.Decide(stoppedTemplate, stopped, "decompose:1", null, LibraryDecisionTests.Now).Problem);
    }
}
