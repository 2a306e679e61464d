using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.Cancelling;
using Orchestrator.Planner.Plans.Progressing;
using TaskStatus = Orchestrator.Planner.Plans.TaskStatus;

namespace Orchestrator.Planner.Tests.Plans;

public sealed class ProgressionTests
{
    private static readonly DateTimeOffset Now = PlanBuilder.Now;

    [Fact]
    public void Approval_readies_exactly_the_tasks_whose_dependencies_are_complete()
    {
        var given = PlanBuilder.Create();
        var research = given.Add("Research");
        var design = given.Add("Design", mode: TaskMode.Interactive);
        var build = given.Add("Build", dependsOn: [research, design]);

        given.Approve();

        Assert.Equal(PlanStatus.Running, given.Plan.Status);
        Assert.Equal(TaskStatus.Ready, given[research].Status);
        Assert.Equal(TaskStatus.Ready, given[design].Status);
        Assert.Equal(TaskStatus.Pending, given[build].Status);
        Assert.Equal(TaskStatus.Pending, given.Plan.Root.Status);
    }

    [Fact]
    public void Advancing_from_the_events_just_applied_gives_what_walking_the_whole_tree_gives()
    {
        var given = PlanBuilder.Create();
        var research = given.Add("Research");
        var design = given.Add("Design");
        var build = given.Add("Build", dependsOn: [research, design]);
        var backend = given.Add("Backend", build);
        var frontend = given.Add("Frontend", build, dependsOn: backend);
        var docs = given.Add("Docs");
        given.Approve();

        var reports = new List<TaskProgress>
        {
            new TaskProgress.Started(research, 1, false, Now), new TaskProgress.InputRequested(research, "Which shop?", Now),
            new TaskProgress.Resumed(research, Now), new TaskProgress.Completed(research, "s", "r", Now),
            new TaskProgress.Started(docs, 1, false, Now), new TaskProgress.Completed(docs, "s", "r", Now),
            new TaskProgress.Started(design, 1, false, Now), new TaskProgress.Completed(design, "s", "r", Now),
            new TaskProgress.Started(backend, 1, false, Now), new TaskProgress.Completed(backend, "s", "r", Now),
            new TaskProgress.Started(frontend, 1, false, Now), new TaskProgress.Completed(frontend, "s", "r", Now),
        };
        foreach (var report in reports)
        {
            var events = TaskProgressDecision.Decide(given.Plan, report).Events;
            var after = PlanWriter.Fold(given.Plan, events);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(Progression.Advance(after, Now)), System.Text.Json.JsonSerializer.Serialize(Progression.Advance(after, events, Now)));
            given.Then(p => TaskProgressDecision.Decide(p, report));
        }

        Assert.Equal([build], Progression.AggregationsDue(given.Plan).Select(t => t.Id));
        given.Then(p => Decision.Accept(new TaskCompleted(p.Id, build, "s", "r", Now)));
        given.Then(p => Decision.Accept(new TaskCompleted(p.Id, p.Root.Id, "s", "r", Now)));
        Assert.Equal(PlanStatus.Completed, given.Plan.Status);
    }

    [Fact]
    public void A_task_is_readied_with_its_dependencies_results_and_its_parents_brief_only()
    {
        var given = PlanBuilder.Create();
        var research = given.Add("Research");
        var sibling = given.Add("Sibling");
        var build = given.Add("Build", dependsOn: research);
        given.Approve();

        var after = PlanBuilder.Apply(given.Plan, TaskProgressDecision.Decide(given.Plan, new TaskProgress.Completed(research, "found", "Research result", Now)));

        Assert.Equal(TaskStatus.Ready, after.Find(build)!.Status);
        var readied = Progression.Ready(after, after.Find(build)!, Now);
        Assert.Contains(readied.Inputs, i => i.TaskId == research && i.Content == "Research result" && i.Source == "dependency");
        Assert.Contains(readied.Inputs, i => i.Source == "parent");
        Assert.DoesNotContain(readied.Inputs, i => i.TaskId == sibling);
    }

    [Fact]
    public void Subtasks_wait_for_their_parents_dependencies()
    {
        var given = PlanBuilder.Create();
        var first = given.Add("First");
        var second = given.Add("Second", dependsOn: first);
        var inner = given.Add("Inner", second);

        given.Approve();

        Assert.Equal(TaskStatus.Ready, given[first].Status);
        Assert.Equal(TaskStatus.Pending, given[inner].Status);
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(first, "s", "r", Now)));
        Assert.Equal(TaskStatus.Ready, given[inner].Status);
        Assert.Equal(TaskStatus.Pending, given[second].Status);
    }

    [Fact]
    public void A_parent_whose_children_are_all_complete_is_due_for_aggregation_and_then_the_plan_completes()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        var b = given.Add("B");
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(a, "s", "ra", Now)));
        Assert.Empty(Progression.AggregationsDue(given.Plan));

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(b, "s", "rb", Now)));

        Assert.Equal([given.Root], Progression.AggregationsDue(given.Plan).Select(t => t.Id));
        Assert.Equal(PlanStatus.Running, given.Plan.Status);

        given.Then(p => Decision.Accept(new TaskCompleted(p.Id, given.Root, "both", "ra + rb", Now)));
        Assert.Equal(PlanStatus.Completed, given.Plan.Status);
    }

    [Fact]
    public void A_failed_task_marks_its_parent_as_needing_attention_and_a_retry_runs_it_again()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        given.Approve();

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Failed(a, "model unavailable", Now)));

        Assert.Equal(TaskStatus.Failed, given[a].Status);
        Assert.Equal("model unavailable", given[a].Problem);
        Assert.True(given.Plan.Root.NeedsAttention);
        Assert.Equal(PlanStatus.Failed, given.Plan.Status);

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.RetryRequested(a, Now)));

        Assert.Equal(TaskStatus.Ready, given[a].Status);
        Assert.Equal(2, given[a].Attempts);
        Assert.False(given.Plan.Root.NeedsAttention);
        Assert.Equal(PlanStatus.Running, given.Plan.Status);
    }

    [Fact]
    public void Reports_that_no_longer_fit_change_nothing()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(a, "s", "r", Now)));

        Assert.Empty(TaskProgressDecision.Decide(given.Plan, new TaskProgress.Started(a, 1, false, Now)).Events);
        Assert.Empty(TaskProgressDecision.Decide(given.Plan, new TaskProgress.Completed(a, "s", "again", Now)).Events);
        Assert.Empty(TaskProgressDecision.Decide(given.Plan, new TaskProgress.Completed(Guid.NewGuid(), "s", "r", Now)).Events);
    }

    [Fact]
    public void A_completion_that_overtakes_its_start_records_the_start_first_and_the_late_start_changes_nothing()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        given.Approve();

        var completed = TaskProgressDecision.Decide(given.Plan, new TaskProgress.Completed(a, "s", "r", Now));

        Assert.Collection(completed.Events,
            e => Assert.Equal(new TaskStarted(given.Plan.Id, a, 1, false, Now), e),
            e => Assert.IsType<TaskCompleted>(e),
            e => Assert.IsType<ArtifactsRecorded>(e));
        given.Then(_ => completed);
        Assert.Equal(TaskStatus.Completed, given[a].Status);
        Assert.Empty(TaskProgressDecision.Decide(given.Plan, new TaskProgress.Started(a, 1, false, Now)).Events);
    }

    [Fact]
    public void A_failure_that_overtakes_its_start_records_the_start_first_and_the_late_start_changes_nothing()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        given.Approve();

        var failed = TaskProgressDecision.Decide(given.Plan, new TaskProgress.Failed(a, "the model refused", Now));

        Assert.Collection(failed.Events,
            e => Assert.Equal(new TaskStarted(given.Plan.Id, a, 1, false, Now), e),
            e => Assert.Equal(new TaskFailed(given.Plan.Id, a, "the model refused", Now), e),
            e => Assert.IsType<TaskNeedsAttention>(e));
        given.Then(_ => failed);
        Assert.Equal(TaskStatus.Failed, given[a].Status);
        Assert.Empty(TaskProgressDecision.Decide(given.Plan, new TaskProgress.Started(a, 1, false, Now)).Events);
    }

    [Fact]
    public void A_completion_after_its_start_records_only_the_completion_and_its_artifacts()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(a, 1, false, Now)));
        Assert.Equal(TaskStatus.Active, given[a].Status);

        Assert.Collection(TaskProgressDecision.Decide(given.Plan, new TaskProgress.Completed(a, "s", "r", Now)).Events,
            e => Assert.IsType<TaskCompleted>(e),
            e => Assert.IsType<ArtifactsRecorded>(e));
    }

    [Fact]
    public void A_hybrid_task_waits_for_input_and_resumes()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A", mode: TaskMode.Hybrid);
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(a, 1, false, Now)));

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.InputRequested(a, "Which currency?", Now)));
        Assert.Equal(TaskStatus.AwaitingInput, given[a].Status);
        Assert.Equal("Which currency?", given[a].Question);

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Resumed(a, Now)));
        Assert.Equal(TaskStatus.Active, given[a].Status);
        Assert.Null(given[a].Question);
    }

    [Fact]
    public void Cancelling_stops_every_unfinished_task_and_nothing_new_starts()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        var b = given.Add("B", dependsOn: a);
        given.Approve();

        given.Then(p => CancelPlanDecision.Decide(p, Now));

        Assert.Equal(PlanStatus.Cancelled, given.Plan.Status);
        Assert.All(given.Plan.Tasks, t => Assert.Equal(TaskStatus.Cancelled, t.Status));
        Assert.Empty(TaskProgressDecision.Decide(given.Plan, new TaskProgress.Completed(a, "s", "r", Now)).Events);
        Assert.Equal(TaskStatus.Cancelled, given[b].Status);
    }

    [Fact]
    public void A_task_the_person_stopped_blocks_its_dependents_until_it_is_retried()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        var b = given.Add("B", dependsOn: a);
        given.Approve();

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Cancelled(a, "Not needed now", Now)));

        Assert.Equal(TaskStatus.Cancelled, given[a].Status);
        Assert.Equal(TaskStatus.Pending, given[b].Status);
        Assert.True(given.Plan.Root.NeedsAttention);
        Assert.Equal(PlanStatus.Failed, given.Plan.Status);

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.RetryRequested(a, Now)));
        Assert.Equal(TaskStatus.Ready, given[a].Status);
        Assert.Equal(PlanStatus.Running, given.Plan.Status);
    }

    [Fact]
    public void A_plan_approved_without_subtasks_runs_its_root()
    {
        var given = PlanBuilder.Create().Approve();

        Assert.Equal(TaskStatus.Ready, given.Plan.Root.Status);
    }
}
