extern alias promptanalytics;

using Marten;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;
using promptanalytics::Orchestrator.PromptAnalytics;
using promptanalytics::Orchestrator.PromptAnalytics.Failures;
using promptanalytics::Orchestrator.PromptAnalytics.Outcomes;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>
/// PromptAnalytics' outcome consumers as the service registers them, in MassTransit's test harness on a real PostgreSQL:
/// a task's end in, its outcome (and a failure's record for the failure patterns) out, once however often it is delivered.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ConsumerTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private ConsumerHost _service = null!;

    public async Task InitializeAsync() => _service = await ConsumerHost.StartAsync(
        fixture.Infrastructure, "analytics_consumers", builder => builder.AddPromptAnalyticsServices(),
        new Dictionary<string, string?> { ["Orchestrator:EventStore:RunDaemon"] = "false" });

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_completed_task_is_one_success_of_its_prompt_version_however_often_it_is_delivered()
    {
        var consumed = new ConsumedMessages<TaskCompletedIntegrationEvent>(_service.Harness.Bus);
        var completed = new TaskCompletedIntegrationEvent(Guid.NewGuid(), Guid.NewGuid(), "Done", "The cart", 2, 120, "execute@v1", DateTimeOffset.UtcNow);

        var messageId = Guid.NewGuid();
        await _service.PublishAsync(completed, messageId);
        await consumed.AtLeastAsync(1);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _service.PublishAsync(completed, messageId)));
        await consumed.AtLeastAsync(4);

        var outcome = Assert.Single(await OutcomesOfAsync(completed.PlanId));
        Assert.Equal((OutcomeMetrics.TaskSuccess, true, 1.0, "task-completed", "execute@v1"), (outcome.Metric, outcome.Success, outcome.Value, outcome.Source, outcome.VersionId));
    }

    [Fact]
    public async Task A_failed_task_is_one_failure_and_one_record_of_its_reason_however_often_it_is_delivered()
    {
        var consumed = new ConsumedMessages<TaskFailedIntegrationEvent>(_service.Harness.Bus);
        var failed = new TaskFailedIntegrationEvent(
            Guid.NewGuid(), Guid.NewGuid(), "The model timed out after 30 s", 3, null, DateTimeOffset.UtcNow, TaskExecutionMode.Autonomous, Guid.NewGuid());

        var messageId = Guid.NewGuid();
        await _service.PublishAsync(failed, messageId);
        await consumed.AtLeastAsync(1);
        await _service.PublishAsync(failed, messageId);
        await consumed.AtLeastAsync(2);

        var outcome = Assert.Single(await OutcomesOfAsync(failed.PlanId));
        Assert.Equal((OutcomeMetrics.TaskSuccess, false, 2.0, "task-failed"), (outcome.Metric, outcome.Success, outcome.Value, outcome.Source));
        await using var session = _service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var failure = Assert.Single(await session.Query<FailureRecord>().Where(f => f.Failure.TaskId == failed.TaskId).ToListAsync());
        Assert.Equal((failed.PlanId, failed.ConversationId), (failure.Failure.PlanId, failure.Failure.ConversationId));
    }

    private async Task<IReadOnlyList<OutcomeRecord>> OutcomesOfAsync(Guid subject)
    {
        await using var session = _service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<OutcomeRecord>().Where(o => o.Subject == subject).ToListAsync();
    }
}
