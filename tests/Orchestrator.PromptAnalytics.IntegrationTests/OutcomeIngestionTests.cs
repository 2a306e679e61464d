using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Orchestrator.Contracts.Prompts;
using Orchestrator.Testing;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>Integration events from RabbitMQ are scored as outcomes of the prompt version that produced them, once each.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class OutcomeIngestionTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private PromptAnalyticsService? _service;

    private PromptAnalyticsService Service => _service!;

    public async Task InitializeAsync() => _service = await PromptAnalyticsService.StartAsync(fixture, "ingestion");

    public async Task DisposeAsync() => await Service.DisposeAsync();

    [Fact]
    public async Task Plan_task_and_model_call_events_are_attributed_to_the_assigned_variant_and_counted_once()
    {
        await Service.PostAsync<VersionDto>("/api/prompts/decompose/versions", new { text = "Split {{$request}}." });
        var experiment = await Service.PostAsync<ExperimentDto>("/api/experiments", new
        {
            prompt = "decompose",
            variants = new[] { new { versionId = "decompose:1", weight = 1.0 }, new { versionId = "decompose:2", weight = 1.0 } },
        });
        var plan = Guid.NewGuid();
        var version = (await Service.GetAsync<ResolvedDto>($"/api/prompts/decompose/resolve?subject={plan}")).VersionId;
        var other = version == "decompose:1" ? "decompose:2" : "decompose:1";
        var now = DateTimeOffset.UtcNow;
        var bus = Service.Services.GetRequiredService<IBus>();
        var approvedId = Guid.NewGuid();

        await bus.Publish(new PlanRejectedIntegrationEvent(plan, Guid.NewGuid(), version, "regenerated", now));
        await bus.Publish(new PlanApprovedIntegrationEvent(plan, 2, null, now), c => c.MessageId = approvedId);
        await bus.Publish(new PlanApprovedIntegrationEvent(plan, 2, null, now), c => c.MessageId = approvedId);
        await bus.Publish(new ModelCallRecordedIntegrationEvent(Guid.NewGuid(), plan, "decompose", "decompose", version, "model", 100, 50, 200, true, now));
        await bus.Publish(new ModelCallRecordedIntegrationEvent(Guid.NewGuid(), plan, "decompose", "decompose", version, "model", 300, 50, 400, true, now));
        await bus.Publish(new ModelCallRecordedIntegrationEvent(Guid.NewGuid(), plan, "decompose", "decompose", "builtin:decompose:2", "model", 10, 10, 10, false, now));
        await bus.Publish(new TaskCompletedIntegrationEvent(plan, Guid.NewGuid(), "done", "result", 2, 900, "execute:1", now));
        await bus.Publish(new TaskFailedIntegrationEvent(plan, Guid.NewGuid(), "timeout", 3, "builtin:execute:1", now));
        await bus.Publish(new PlanFinishedIntegrationEvent(plan, "completed", version, now, Clean: false));

        var subject = await Eventually.GetAsync(async () =>
        {
            var s = await Service.GetAsync<SubjectDto>($"/api/outcomes?subject={plan}");
            return s.Outcomes.Count >= 9 ? s : null;
        }, Patience, "nine outcomes of the plan");
        // The tallies are async projections: wait until they count the approvals and stop changing.
        var expectedTokens = version == "decompose:1" ? (150 + 350 + 20) / 3.0 : 250;
        ResultsDto? previous = null;
        var results = await Eventually.GetAsync(async () =>
        {
            var r = await Service.GetAsync<ResultsDto>($"/api/experiments/{experiment.Id}/results");
            // Each consumer appends on its own, so the approvals may be counted before the model calls: wait for both.
            var mine = r.Variants.Single(v => v.VersionId == version);
            var settled = previous is not null && r.Variants.SequenceEqual(previous.Variants) && mine.N == 2 && mine.MeanTokens == expectedTokens;
            previous = r;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return settled ? r : null;
        }, Patience, "the tally to count both approval outcomes and settle");

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(9, (await Service.GetAsync<SubjectDto>($"/api/outcomes?subject={plan}")).Outcomes.Count);
        var approval = subject.Outcomes.Where(o => o.Metric == "approval").ToList();
        Assert.Equal(2, approval.Count);
        Assert.All(approval, o => Assert.Equal(version, o.VersionId));
        Assert.All(approval, o => Assert.Equal(experiment.Id, o.ExperimentId));
        Assert.All(approval, o => Assert.False(o.Success));
        Assert.Contains(approval, o => o.Value == 2);
        var fallbackCall = Assert.Single(subject.Outcomes, o => o.Metric == "model-call" && o.VersionId == "decompose:1" && o.Tokens == 20);
        Assert.Equal(version == "decompose:1" ? experiment.Id : null, fallbackCall.ExperimentId);
        var tasks = subject.Outcomes.Where(o => o.Metric == "task-success").ToList();
        Assert.Equal(["execute"], tasks.Select(t => t.Prompt).Distinct());
        Assert.All(tasks, t => Assert.Equal("execute:1", t.VersionId));
        Assert.Equal([1.0, 2.0], tasks.Select(t => t.Value!.Value).Order());
        Assert.Single(subject.Outcomes, o => o.Metric == "completion" && o.Success);
        // Completed, but not clean (a task was retried): not a plan success.
        Assert.Single(subject.Outcomes, o => o.Metric == "plan-success" && !o.Success && o.VersionId == version);

        var assigned = results.Variants.Single(v => v.VersionId == version);
        Assert.Equal(0, assigned.Successes);
        Assert.Equal(2.0, assigned.MeanValue);
        Assert.Equal(expectedTokens, assigned.MeanTokens);
        Assert.Equal(0, results.Variants.Single(v => v.VersionId == other).N);
    }
}
