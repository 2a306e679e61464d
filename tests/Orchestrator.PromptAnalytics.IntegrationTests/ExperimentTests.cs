using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>Experiments over real HTTP and PostgreSQL: simulated traffic, the winner, promotion, stickiness across restarts, the bandit.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ExperimentTests(InfrastructureFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private PromptAnalyticsService? _service;

    private PromptAnalyticsService Service => _service!;

    public async Task InitializeAsync() => _service = await PromptAnalyticsService.StartAsync(fixture, "experiments");

    public async Task DisposeAsync() => await Service.DisposeAsync();

    [Fact]
    public async Task Simulated_traffic_of_2000_subjects_at_60_and_70_percent_finds_the_winner_who_is_then_promoted()
    {
        await Service.PostAsync<VersionDto>("/api/prompts/decompose/versions", new { text = "Split {{$request}} into self-contained subtasks.", labels = new[] { "candidate" } });
        var experiment = await Service.PostAsync<ExperimentDto>("/api/experiments", new
        {
            prompt = "decompose",
            variants = new[] { new { versionId = "decompose:1", weight = 1.0 }, new { versionId = "decompose:2", weight = 1.0 } },
            allocation = "fixed",
            metric = "approval",
            minimumSample = 300,
        });
        var traffic = new Traffic(Service, "decompose", "approval", new Dictionary<string, double> { ["decompose:1"] = 0.60, ["decompose:2"] = 0.70 });

        await traffic.RunAsync(2_000, concurrency: 8);

        var results = await Eventually.GetAsync(async () =>
        {
            var r = await Service.GetAsync<ResultsDto>($"/api/experiments/{experiment.Id}/results");
            return r.Variants.Sum(v => v.N) == 2_000 ? r : null;
        }, Patience, "the tally to count 2000 outcomes");

        Assert.Equal(300, results.MinimumSample);
        Assert.Equal(0.05, results.Significance);
        foreach (var variant in results.Variants)
        {
            var (n, successes) = traffic.Counts[variant.VersionId];
            Assert.Equal(n, variant.N);
            Assert.Equal(n, variant.Assigned);
            Assert.Equal(successes, variant.Successes);
            Assert.Equal((double)successes / n, variant.Rate!.Value, 12);
            Assert.InRange(variant.Rate.Value, variant.Low!.Value, variant.High!.Value);
            Assert.InRange(variant.High.Value - variant.Low.Value, 0.03, 0.07);
            Assert.InRange(n, 850, 1150);
        }

        Assert.Equal("decompose:2", results.Winner);
        Assert.True(results.Variants[1].ProbabilityBest > 0.99);
        Assert.True(results.Variants[0].PValue < 0.001);

        using var promote = await Service.Client.PostAsJsonAsync($"/api/experiments/{experiment.Id}/promote", new { }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        var promoted = await promote.Content.ReadFromJsonAsync<ResultsDto>(ApiJson.Options);
        Assert.Equal("promoted", promoted!.Status);
        Assert.Equal("decompose:2", promoted.PromotedVersionId);

        var next = await Service.GetAsync<ResolvedDto>($"/api/prompts/decompose/resolve?subject={Guid.NewGuid()}");
        Assert.Equal("decompose:2", next.VersionId);
        Assert.Null(next.ExperimentId);
        Assert.Equal("decompose:2", (await Service.GetAsync<TemplateDto>("/api/prompts/decompose")).Labels["production"]);
    }

    [Fact]
    public async Task Assignments_are_sticky_under_concurrent_first_requests_and_across_a_restart()
    {
        await Service.PostAsync<VersionDto>("/api/prompts/execute/versions", new { text = "Do {{$brief}}." });
        await Service.PostAsync<VersionDto>("/api/prompts/chat/versions", new { text = "Chat about {{$brief}}." });
        var fixedExperiment = await Service.PostAsync<ExperimentDto>("/api/experiments", new
        {
            prompt = "execute",
            variants = new[] { new { versionId = "execute:1", weight = 1.0 }, new { versionId = "execute:2", weight = 3.0 } },
        });
        var bandit = await Service.PostAsync<ExperimentDto>("/api/experiments", new
        {
            prompt = "chat",
            allocation = "bandit",
            variants = new[] { new { versionId = "chat:1", weight = 1.0 }, new { versionId = "chat:2", weight = 1.0 } },
        });
        var subjects = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();

        async Task<Dictionary<(string, Guid), string>> ResolveAllAsync()
        {
            var pairs = await Task.WhenAll(subjects.SelectMany(s => new[] { "execute", "chat" }.Select(async prompt =>
            {
                var twice = await Task.WhenAll(
                    Service.GetAsync<ResolvedDto>($"/api/prompts/{prompt}/resolve?subject={s}"),
                    Service.GetAsync<ResolvedDto>($"/api/prompts/{prompt}/resolve?subject={s}"));
                Assert.Equal(twice[0], twice[1]);
                return ((prompt, s), twice[0].VersionId);
            })));
            return pairs.ToDictionary(p => p.Item1, p => p.VersionId);
        }

        var first = await ResolveAllAsync();
        await Service.RestartAsync();
        var afterRestart = await ResolveAllAsync();

        Assert.Equal(first, afterRestart);
        Assert.Equal(["execute:1", "execute:2"], first.Where(p => p.Key.Item1 == "execute").Select(p => p.Value).Distinct().Order());
        Assert.Equal(["chat:1", "chat:2"], first.Where(p => p.Key.Item1 == "chat").Select(p => p.Value).Distinct().Order());
        var subject = await Service.GetAsync<SubjectDto>($"/api/outcomes?subject={subjects[0]}");
        Assert.Equal(2, subject.Assignments.Count);
        Assert.Contains(subject.Assignments, a => a.ExperimentId == fixedExperiment.Id && a.VersionId == first[("execute", subjects[0])]);
        Assert.Contains(subject.Assignments, a => a.ExperimentId == bandit.Id && a.VersionId == first[("chat", subjects[0])]);

        var stopped = await Service.PostAsync<ExperimentDto>($"/api/experiments/{fixedExperiment.Id}/stop", new { reason = "enough" });
        Assert.Equal("stopped", stopped.Status);
        var production = await Service.GetAsync<ResolvedDto>($"/api/prompts/execute/resolve?subject={subjects.First(s => first[("execute", s)] == "execute:2")}");
        Assert.Equal("execute:1", production.VersionId);
        Assert.Null(production.ExperimentId);
    }

    [Fact]
    public async Task The_bandit_loses_less_than_half_what_a_fixed_split_loses_on_the_same_traffic_even_while_the_tallies_lag()
    {
        // The tallies are the async daemon's; with it off they never move, as in the worst lag. The bandit must learn anyway.
        await Service.DisposeAsync();
        _service = await PromptAnalyticsService.StartAsync(fixture, "bandit", new Dictionary<string, string?> { ["Orchestrator:EventStore:RunDaemon"] = "false" });
        await Service.PostAsync<VersionDto>("/api/prompts/aggregate/versions", new { text = "Combine {{$results}} for {{$objective}}." });
        await Service.PostAsync<VersionDto>("/api/prompts/recap/versions", new { text = "Sum up {{$transcript}}." });
        await Service.PostAsync<ExperimentDto>("/api/experiments", new
        {
            prompt = "aggregate",
            allocation = "fixed",
            variants = new[] { new { versionId = "aggregate:1", weight = 1.0 }, new { versionId = "aggregate:2", weight = 1.0 } },
        });
        await Service.PostAsync<ExperimentDto>("/api/experiments", new
        {
            prompt = "recap",
            allocation = "bandit",
            variants = new[] { new { versionId = "recap:1", weight = 1.0 }, new { versionId = "recap:2", weight = 1.0 } },
        });
        var fixedTraffic = new Traffic(Service, "aggregate", "rating", new Dictionary<string, double> { ["aggregate:1"] = 0.60, ["aggregate:2"] = 0.70 });
        var banditTraffic = new Traffic(Service, "recap", "rating", new Dictionary<string, double> { ["recap:1"] = 0.60, ["recap:2"] = 0.70 });

        await Task.WhenAll(fixedTraffic.RunAsync(2_000, concurrency: 4), banditTraffic.RunAsync(2_000, concurrency: 4));

        var split = $"bandit {banditTraffic.Counts["recap:1"].N}/{banditTraffic.Counts["recap:2"].N}, fixed {fixedTraffic.Counts["aggregate:1"].N}/{fixedTraffic.Counts["aggregate:2"].N}";
        output.WriteLine($"regret: bandit {banditTraffic.Regret:0.0}, fixed {fixedTraffic.Regret:0.0}; {split}");
        Assert.True(banditTraffic.Regret < fixedTraffic.Regret / 2, $"regret: bandit {banditTraffic.Regret:0.0}, fixed {fixedTraffic.Regret:0.0}; traffic to the worse/better variant: {split}");
        Assert.True(banditTraffic.Counts["recap:2"].N > banditTraffic.Counts["recap:1"].N, "the bandit did not move traffic to the better variant");
    }
}
