using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>
/// Does decomposing with the gallery's proven plans help? The library holds both decomposition prompts (with worked examples from
/// the gallery, and without); an experiment assigns one per plan and decides on plan success. A seeded simulation of plans where
/// patterned plans succeed more often goes through the whole pipeline: the Planner's finish and rating events on RabbitMQ →
/// outcomes → statistics → winner → promotion.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PatternsExperimentTests(InfrastructureFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private PromptAnalyticsService? _service;

    private PromptAnalyticsService Service => _service!;

    public async Task InitializeAsync() => _service = await PromptAnalyticsService.StartAsync(fixture, "patterns_experiment");

    public async Task DisposeAsync() => await Service.DisposeAsync();

    [Fact]
    public async Task Plans_decomposed_with_patterns_succeed_more_often_and_that_version_wins_and_is_promoted()
    {
        var experiment = await Service.PostAsync<ExperimentDto>("/api/experiments/patterns", new { allocation = "fixed", minimumSample = 100 });
        Assert.Equal("plan-success", experiment.Metric);
        // The library now holds both: production, which asks for the gallery's examples, and the control without them.
        var template = await Service.GetAsync<TemplateDto>("/api/prompts/decompose");
        var withPatterns = Assert.Single(template.Versions, v => v.Text.Contains("{{$examples}}", StringComparison.Ordinal)).VersionId;
        var without = Assert.Single(template.Versions, v => !v.Text.Contains("{{$examples}}", StringComparison.Ordinal)).VersionId;
        Assert.Equal(withPatterns, template.Labels["production"]);
        using (var again = await Service.Client.PostAsJsonAsync("/api/experiments/patterns", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // Seeded: patterned plans finish clean 80 % of the time, the others 60 %; one clean plan in ten is then rated 2 of 5,
        // which turns its success into a failure.
        var random = new Random(20261205);
        var bus = Service.Services.GetRequiredService<IBus>();
        var expected = new Dictionary<string, (int N, int Successes)> { [withPatterns] = (0, 0), [without] = (0, 0) };
        const int Plans = 600;
        for (var i = 0; i < Plans; i++)
        {
            var plan = Guid.NewGuid();
            var version = (await Service.GetAsync<ResolvedDto>($"/api/prompts/decompose/resolve?subject={plan}")).VersionId;
            var clean = random.NextDouble() < (version == withPatterns ? 0.8 : 0.6);
            var ratedLow = clean && random.NextDouble() < 0.1;
            var at = DateTimeOffset.UtcNow;
            await bus.Publish(new PlanFinishedIntegrationEvent(plan, clean ? "completed" : "failed", version, at, clean));
            if (ratedLow)
            {
                await bus.Publish(new PlanRatedIntegrationEvent(plan, 2, null, clean, version, at.AddMinutes(1)));
            }

            var (n, successes) = expected[version];
            expected[version] = (n + 1, successes + (clean && !ratedLow ? 1 : 0));
        }

        var results = await Eventually.GetAsync(async () =>
        {
            var r = await Service.GetAsync<ResultsDto>($"/api/experiments/{experiment.Id}/results");
            return r.Variants.All(v => v.N == expected[v.VersionId].N && v.Successes == expected[v.VersionId].Successes) ? r : null;
        }, TimeSpan.FromMinutes(2), $"the tally to count {Plans} plans and their ratings");

        foreach (var variant in results.Variants)
        {
            output.WriteLine($"{(variant.VersionId == withPatterns ? "with patterns   " : "without patterns")} {variant.VersionId}: {variant.Successes}/{variant.N} plans succeeded ({variant.Rate:P1}, 95% interval {variant.Low:P1}–{variant.High:P1}), P(best) {variant.ProbabilityBest:F3}");
        }

        output.WriteLine($"Winner: {results.Winner}. {results.Decision}");
        Assert.Equal(withPatterns, results.Winner);

        using var promote = await Service.Client.PostAsJsonAsync($"/api/experiments/{experiment.Id}/promote", new { });
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        Assert.Equal(withPatterns, (await Service.GetAsync<TemplateDto>("/api/prompts/decompose")).Labels["production"]);
        Assert.Equal(withPatterns, (await Service.GetAsync<ResolvedDto>($"/api/prompts/decompose/resolve?subject={Guid.NewGuid()}")).VersionId);
    }
}
