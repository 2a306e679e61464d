using Orchestrator.Contracts.Planning;
using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.DeletingSubtree;
using Orchestrator.Planner.Plans.Progressing;
using TaskStatus = Orchestrator.Planner.Plans.TaskStatus;

namespace Orchestrator.Planner.Tests.Plans;

/// <summary>
/// When a parent's aggregation is asked for (<see cref="AggregationRequested"/>, which the relay sends as <see cref="AggregateParent"/>),
/// and the pure decision that records its outcome only while the parent still waits for it.
/// </summary>
public sealed class AggregationTests
{
    private static readonly DateTimeOffset Now = PlanBuilder.Now;

    [Fact]
    public void Completing_the_last_subtask_asks_once_to_aggregate_its_parent()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var backend = given.Add("Backend", build);
        var frontend = given.Add("Frontend", build);
        var docs = given.Add("Docs");
        given.Approve();

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(backend, "s", "r", Now)));
        Assert.Empty(Requests(given));

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(frontend, "s", "r", Now)));
        Assert.Equal([build], Requests(given));

        // Later writes find the parent waiting already and do not ask again.
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(docs, 1, false, Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(docs, "s", "r", Now)));
        Assert.Equal([build], Requests(given));
        Assert.Equal(TaskStatus.Pending, given[build].Status);
        Assert.Equal(PlanStatus.Running, given.Plan.Status);
    }

    [Fact]
    public void Events_that_carry_their_request_already_do_not_ask_again()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var backend = given.Add("Backend", build);
        given.Add("Docs");
        given.Approve();
        var before = given.Plan;

        // A group of reports adds each report's follow-ups, then the write adds the follow-ups of them all again.
        var (once, _) = PlanWriter.WithFollowUps(before, TaskProgressDecision.Decide(before, new TaskProgress.Completed(backend, "s", "r", Now)).Events, Now);
        var (twice, _) = PlanWriter.WithFollowUps(before, once, Now);

        Assert.Single(once.OfType<AggregationRequested>(), e => e.TaskId == build);
        Assert.Equal(once, twice);
    }

    [Fact]
    public void A_parent_waits_with_its_request_on_its_way_until_it_completes_and_a_restart_asks_for_no_other()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var backend = given.Add("Backend", build);
        given.Add("Docs");
        given.Approve();

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(backend, "s", "r", Now)));
        Assert.True(given[build].AwaitsAggregation);
        Assert.Empty(Progression.PendingAggregations(given.Plan, Now));

        given.Then(p => Decision.Accept(new TaskCompleted(p.Id, build, "s", "combined", Now)));
        Assert.False(given[build].AwaitsAggregation);
    }

    [Fact]
    public void A_parent_recorded_waiting_without_a_request_is_asked_for_once_and_only_in_a_running_plan()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var backend = given.Add("Backend", build);
        given.Add("Docs");
        given.Approve();
        // As an earlier Planner recorded it: the subtask's completion, with no request for its parent.
        var recorded = PlanEvolution.Evolve(given.Plan, new TaskCompleted(given.Plan.Id, backend, "s", "r", Now));
        Assert.False(recorded.Find(build)!.AwaitsAggregation);

        var pending = Progression.PendingAggregations(recorded, Now);
        Assert.Equal([build], pending.OfType<AggregationRequested>().Select(e => e.TaskId));
        Assert.Empty(Progression.PendingAggregations(recorded with { Status = PlanStatus.Cancelled }, Now));

        var (asked, after) = PlanWriter.WithFollowUps(recorded, pending, Now);
        Assert.Equal(pending, asked);
        Assert.True(after.Find(build)!.AwaitsAggregation);
        Assert.Empty(Progression.PendingAggregations(after, Now));
    }

    [Fact]
    public void Recording_a_parents_result_asks_to_aggregate_the_grandparent_once_its_other_children_are_complete()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var backend = given.Add("Backend", build);
        var docs = given.Add("Docs");
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(docs, "s", "r", Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(backend, "s", "r", Now)));
        Assert.Equal([build], Requests(given));

        given.Then(p => AggregateParentDecision.Decide(p, new AggregateParent(p.Id, build, Now), [new TaskCompleted(p.Id, build, "built", "combined", Now)]));

        Assert.Equal(TaskStatus.Completed, given[build].Status);
        Assert.Equal([build, given.Root], Requests(given));
    }

    [Fact]
    public void A_parent_whose_aggregation_failed_is_asked_for_again_when_it_is_retried()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var backend = given.Add("Backend", build);
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(backend, "s", "r", Now)));
        given.Then(p => AggregateParentDecision.Decide(p, new AggregateParent(p.Id, build, Now), [new TaskFailed(p.Id, build, "model unavailable", Now)]));
        Assert.Equal(TaskStatus.Failed, given[build].Status);

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.RetryRequested(build, Now)));

        Assert.Equal([build, build], Requests(given));
        Assert.True(Progression.AwaitsAggregation(given.Plan, build));
    }

    [Fact]
    public void Deleting_the_last_unfinished_subtask_asks_to_aggregate_its_parent()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var backend = given.Add("Backend", build);
        var frontend = given.Add("Frontend", build);
        given.Add("Docs");
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(backend, "s", "r", Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Cancelled(frontend, "not needed", Now)));
        Assert.Empty(Requests(given));
        Assert.Equal(PlanStatus.Running, given.Plan.Status);

        given.Then(p => DeleteSubtreeDecision.Decide(p, new DeleteSubtree(frontend, Now)));

        Assert.Equal([build], Requests(given));
    }

    [Fact]
    public void The_outcome_is_recorded_while_the_parent_waits_for_it()
    {
        var (plan, build) = WaitingParent();
        var outcome = new TaskCompleted(plan.Id, build, "built", "combined", Now);

        var decision = AggregateParentDecision.Decide(plan, new AggregateParent(plan.Id, build, Now), [outcome]);

        Assert.Null(decision.Problem);
        Assert.Equal([outcome], decision.Events);
    }

    [Fact]
    public void A_command_delivered_again_after_the_parent_has_its_result_is_refused_and_records_nothing()
    {
        var (plan, build) = WaitingParent();
        var command = new AggregateParent(plan.Id, build, Now);
        var aggregated = PlanBuilder.Apply(plan, AggregateParentDecision.Decide(plan, command, [new TaskCompleted(plan.Id, build, "built", "combined", Now)]));

        var again = AggregateParentDecision.Decide(aggregated, command, [new TaskCompleted(plan.Id, build, "built again", "combined again", Now)]);

        Assert.Equal(Refusal.Conflict, again.Problem?.Kind);
        Assert.Contains("aggregated result already", again.Problem!.Detail, StringComparison.Ordinal);
        Assert.Empty(again.Events);
        Assert.Equal(Refusal.Conflict, AggregateParentDecision.Due(aggregated, command).Problem?.Kind);
    }

    [Fact]
    public void A_parent_that_got_another_subtask_meanwhile_no_longer_waits_and_the_outcome_is_refused()
    {
        var (plan, build) = WaitingParent();
        var grown = PlanBuilder.Apply(plan, Decision.Accept(new TaskAdded(plan.Id, Guid.NewGuid(), build, "Tests", "Write tests.", TaskMode.Autonomous, [], [], 1, Guid.NewGuid(), TaskOrigin.Manual, Now)));

        var decision = AggregateParentDecision.Decide(grown, new AggregateParent(plan.Id, build, Now), [new TaskCompleted(plan.Id, build, "built", "combined", Now)]);

        Assert.Equal(Refusal.Conflict, decision.Problem?.Kind);
        Assert.Empty(decision.Events);
        Assert.False(Progression.AwaitsAggregation(grown, build));
    }

    [Fact]
    public void A_task_that_is_not_in_the_plan_is_not_found()
    {
        var (plan, _) = WaitingParent();

        var decision = AggregateParentDecision.Due(plan, new AggregateParent(plan.Id, Guid.NewGuid(), Now));

        Assert.Equal(Refusal.NotFound, decision.Problem?.Kind);
    }

    private static (Plan Plan, Guid Parent) WaitingParent()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var backend = given.Add("Backend", build);
        given.Add("Docs");
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(backend, "s", "r", Now)));
        Assert.True(Progression.AwaitsAggregation(given.Plan, build));
        return (given.Plan, build);
    }

    private static List<Guid> Requests(PlanBuilder given) => given.Events.OfType<AggregationRequested>().Select(e => e.TaskId).ToList();
}
