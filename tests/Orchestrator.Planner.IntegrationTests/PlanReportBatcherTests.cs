extern alias planner;

using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Eventing;
using Orchestrator.Testing;
using planner::Orchestrator.Planner.Plans;
using planner::Orchestrator.Planner.Plans.Progressing;
using TaskStatus = planner::Orchestrator.Planner.Plans.TaskStatus;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// The batcher that records the Executor's reports on a plan, on a real PostgreSQL: the reports waiting for a plan's turn are
/// recorded together in one transaction, each decided on the state the ones before it left, with what follows from them; a report
/// delivered again has one effect.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PlanReportBatcherTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private const string Consumer = "Orchestrator.Planner.Plans.Progressing.TaskCompletedConsumer";

    private PlannerStore _planner = null!;
    private PlanReportBatcher _batcher = null!;

    public async Task InitializeAsync()
    {
        _planner = await PlannerStore.CreateAsync(fixture, "reports");
        _batcher = new PlanReportBatcher(_planner.Store, _planner.Gate, TimeProvider.System, NullLogger<PlanReportBatcher>.Instance);
    }

    public async Task DisposeAsync() => await _planner.DisposeAsync();

    [Fact]
    public async Task Reports_waiting_for_the_plans_turn_are_recorded_in_one_transaction_in_the_order_they_arrived()
    {
        var (planId, research, design, build) = await RunningPlanAsync();
        var now = DateTimeOffset.UtcNow;
        var reports = new (Guid MessageId, TaskProgress Progress)[]
        {
            (Guid.NewGuid(), new TaskProgress.Started(research, 1, false, now)),
            (Guid.NewGuid(), new TaskProgress.Started(design, 1, false, now)),
            (Guid.NewGuid(), new TaskProgress.Completed(research, "found", "Research result", now)),
            (Guid.NewGuid(), new TaskProgress.Completed(design, "drawn", "Design result", now)),
        };

        // Holding the plan's turn, as a writer in the middle of its transaction does, makes all four wait for the next one.
        Task[] applied;
        using (await _planner.Gate.EnterAsync(planId, CancellationToken.None))
        {
            applied = reports.Select(r => _batcher.ApplyAsync(planId, Consumer, "report", r.MessageId, r.Progress, CancellationToken.None)).ToArray();
            Assert.All(applied, a => Assert.False(a.IsCompleted));
        }

        await Task.WhenAll(applied);

        var plan = await _planner.LoadAsync(planId);
        Assert.Equal(TaskStatus.Completed, plan.Find(research)!.Status);
        Assert.Equal(TaskStatus.Completed, plan.Find(design)!.Status);
        Assert.Equal(TaskStatus.Ready, plan.Find(build)!.Status);
        Assert.Single(await _planner.EventsAsync<TaskReadied>(planId), e => e.Data.TaskId == build);
        var recorded = (await _planner.EventsAsync<IPlanEvent>(planId)).Select(e => e.Data)
            .Where(e => e is TaskStarted or TaskCompleted).Select(e => (e.GetType().Name, e is TaskStarted s ? s.TaskId : ((TaskCompleted)e).TaskId));
        Assert.Equal([("TaskStarted", research), ("TaskStarted", design), ("TaskCompleted", research), ("TaskCompleted", design)], recorded);
        var handled = await HandledAsync(reports.Select(r => r.MessageId));
        Assert.Equal(4, handled.Count);
        Assert.Single(handled.Select(m => m.At).Distinct());
    }

    [Fact]
    public async Task A_report_delivered_again_has_one_effect()
    {
        var (planId, research, _, _) = await RunningPlanAsync();
        var messageId = Guid.NewGuid();
        var completed = new TaskProgress.Completed(research, "found", "Research result", DateTimeOffset.UtcNow);

        await _batcher.ApplyAsync(planId, Consumer, "report", messageId, completed, CancellationToken.None);
        var version = (await _planner.LoadAsync(planId)).Version;
        await _batcher.ApplyAsync(planId, Consumer, "report", messageId, completed, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _batcher.ApplyAsync(planId, Consumer, "report", messageId, completed, CancellationToken.None)));

        Assert.Equal(version, (await _planner.LoadAsync(planId)).Version);
        Assert.Single(await _planner.EventsAsync<TaskCompleted>(planId));
        Assert.Single(await HandledAsync([messageId]));
    }

    /// <summary>A running plan: Research and Design ready, Build waiting for both.</summary>
    private async Task<(Guid PlanId, Guid Research, Guid Design, Guid Build)> RunningPlanAsync()
    {
        var planId = await _planner.StartPlanAsync("Add a shopping cart to my shop");
        var research = await _planner.AddTaskAsync(planId, "Research");
        var design = await _planner.AddTaskAsync(planId, "Design");
        var build = await _planner.AddTaskAsync(planId, "Build", null, research, design);
        await _planner.ApproveAsync(planId);
        return (planId, research, design, build);
    }

    private async Task<IReadOnlyList<ProcessedMessage>> HandledAsync(IEnumerable<Guid> messageIds)
    {
        await using var session = _planner.Store.QuerySession();
        return await session.LoadManyAsync<ProcessedMessage>(messageIds.Select(id => ProcessedMessage.KeyFor(Consumer, id)).ToArray());
    }
}
