using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.AddingChildren;
using Orchestrator.Planner.Plans.AddingTask;
using Orchestrator.Planner.Plans.Progressing;
using TaskStatus = Orchestrator.Planner.Plans.TaskStatus;

namespace Orchestrator.Planner.Tests.Plans;

/// <summary>Children created under a running task of a running plan: their readiness, the parent's wait, the plan's end.</summary>
public sealed class GrowingRunningPlanTests
{
    private static readonly DateTimeOffset Now = PlanBuilder.Now;

    [Fact]
    public void Children_of_a_running_task_are_readied_by_their_own_dependencies_and_the_parent_waits_for_them()
    {
        var (given, design, _) = RunningPlanWithActive("Design", TaskMode.Interactive);
        var proposal = Guid.NewGuid();

        given.Then(p => AddChildrenDecision.Decide(p, Children(proposal, design,
            Child("layout", "Sketch the layout"), Child("copy", "Write the copy"), Child("review", "Review both", "layout", "copy"))));

        var layout = given[Id(proposal, "layout")];
        var copy = given[Id(proposal, "copy")];
        var review = given[Id(proposal, "review")];
        Assert.Equal(TaskStatus.Ready, layout.Status);
        Assert.Equal(TaskStatus.Ready, copy.Status);
        Assert.Equal(TaskStatus.Pending, review.Status);
        Assert.Equal(TaskStatus.Pending, given[design].Status);
        Assert.Equal([layout.Id, copy.Id], review.DependsOn.ToArray());
        Assert.Empty(Progression.AggregationsDue(given.Plan));

        Complete(given, layout.Id);
        Assert.Equal(TaskStatus.Pending, given[review.Id].Status);
        Complete(given, copy.Id);
        Assert.Equal(TaskStatus.Ready, given[review.Id].Status);
        Complete(given, review.Id);

        Assert.Equal([design], Progression.AggregationsDue(given.Plan).Select(t => t.Id));
        Assert.Equal(PlanStatus.Running, given.Plan.Status);
    }

    [Fact]
    public void The_plan_does_not_finish_while_a_child_of_a_running_task_is_open()
    {
        var (given, only, _) = RunningPlanWithActive("Only task", TaskMode.Hybrid);
        var child = given.Add("Child", only);

        Assert.Equal(TaskStatus.Ready, given[child].Status);
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(child, 1, false, Now)));
        Assert.Equal(PlanStatus.Running, given.Plan.Status);
        Assert.DoesNotContain(Progression.Advance(given.Plan, Now), e => e is PlanFinished);

        Complete(given, child);
        Assert.Equal(PlanStatus.Running, given.Plan.Status);
        Assert.Equal([only], Progression.AggregationsDue(given.Plan).Select(t => t.Id));

        given.Then(p => Decision.Accept(new TaskCompleted(p.Id, only, "combined", "combined", Now)));
        given.Then(p => Decision.Accept(new TaskCompleted(p.Id, p.Root.Id, "all", "all", Now)));
        Assert.Equal(PlanStatus.Completed, given.Plan.Status);
    }

    [Fact]
    public void Late_reports_of_the_parents_own_run_change_nothing_once_it_waits_for_its_children()
    {
        var (given, design, _) = RunningPlanWithActive("Design", TaskMode.Interactive);
        var child = given.Add("Child", design);

        foreach (var late in new TaskProgress[]
        {
            new TaskProgress.Completed(design, "done by hand", "done by hand", Now), new TaskProgress.Failed(design, "timed out", Now),
            new TaskProgress.InputRequested(design, "Which colour?", Now), new TaskProgress.Started(design, 1, true, Now),
        })
        {
            var decision = TaskProgressDecision.Decide(given.Plan, late);
            Assert.Null(decision.Problem);
            Assert.Empty(decision.Events);
        }

        Assert.Equal(TaskStatus.Pending, given[design].Status);
        Assert.Equal(TaskStatus.Ready, given[child].Status);
    }

    [Fact]
    public void A_task_waiting_for_input_can_grow_too_and_its_question_is_dropped()
    {
        var (given, hybrid, _) = RunningPlanWithActive("Decide", TaskMode.Hybrid);
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.InputRequested(hybrid, "Which colour?", Now)));

        var decision = AddTaskDecision.Decide(given.Plan, new AddTask(hybrid, "Pick colours", null, null, [], [], Guid.NewGuid(), Guid.NewGuid(), Now));

        Assert.Null(decision.Problem);
        Assert.Contains(decision.Events, e => e is TaskWaitingForSubtasks w && w.TaskId == hybrid);
        given.Then(_ => decision);
        Assert.Null(given[hybrid].Question);
        Assert.Equal(TaskStatus.Pending, given[hybrid].Status);
    }

    [Fact]
    public void Children_cannot_be_added_to_a_ready_completed_or_failed_task_nor_to_a_finished_plan()
    {
        var given = PlanBuilder.Create();
        var first = given.Add("First");
        var second = given.Add("Second", dependsOn: first);
        given.Approve();
        Assert.Equal(TaskStatus.Ready, given[first].Status);

        Assert.Equal(Refusal.Conflict, AddUnder(given.Plan, first).Problem?.Kind);

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(first, 1, false, Now)));
        Complete(given, first);
        Assert.Equal(Refusal.Conflict, AddUnder(given.Plan, first).Problem?.Kind);

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(second, 1, false, Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Failed(second, "broke", Now)));
        Assert.Equal(Refusal.Conflict, AddUnder(given.Plan, second).Problem?.Kind);
    }

    [Fact]
    public void A_running_task_of_a_plan_that_is_not_running_gets_no_children()
    {
        var (given, design, _) = RunningPlanWithActive("Design", TaskMode.Interactive);
        var cancelled = given.Plan with { Status = PlanStatus.Cancelled };

        Assert.Equal(Refusal.Conflict, AddUnder(cancelled, design).Problem?.Kind);
    }

    [Fact]
    public void A_batch_is_all_or_nothing_and_a_repeat_adds_nothing()
    {
        var (given, design, _) = RunningPlanWithActive("Design", TaskMode.Interactive);
        var proposal = Guid.NewGuid();

        var bad = AddChildrenDecision.Decide(given.Plan, Children(proposal, design, Child("a", "Fine"), Child("b", " ")));
        Assert.Equal(Refusal.Invalid, bad.Problem?.Kind);
        Assert.Contains("Subtask 'b'", bad.Problem!.Detail, StringComparison.Ordinal);

        var cycle = AddChildrenDecision.Decide(given.Plan, Children(proposal, design, Child("a", "A", "b"), Child("b", "B", "a")));
        Assert.Equal(Refusal.Invalid, cycle.Problem?.Kind);

        var unknown = AddChildrenDecision.Decide(given.Plan, Children(proposal, design, Child("a", "A", "zzz")));
        Assert.Equal(Refusal.Invalid, unknown.Problem?.Kind);

        var batch = Children(proposal, design, Child("later", "Second", "first"), Child("first", "First"));
        given.Then(p => AddChildrenDecision.Decide(p, batch));
        Assert.Equal(2, given.Plan.ChildrenOf(design).Count());

        var repeat = AddChildrenDecision.Decide(given.Plan, batch);
        Assert.Null(repeat.Problem);
        Assert.Empty(repeat.Events);
    }

    [Fact]
    public void Adding_under_a_pending_task_of_a_draft_plan_stays_as_it_was()
    {
        var given = PlanBuilder.Create();
        var decision = AddTaskDecision.Decide(given.Plan, new AddTask(given.Root, "Child", null, null, [], [], Guid.NewGuid(), Guid.NewGuid(), Now));

        Assert.Single(decision.Events);
        Assert.IsType<TaskAdded>(decision.Events[0]);
    }

    /// <summary>A running plan with one leaf under the root, started (active).</summary>
    private static (PlanBuilder Given, Guid Task, Guid Root) RunningPlanWithActive(string title, TaskMode mode)
    {
        var given = PlanBuilder.Create();
        var task = given.Add(title, mode: mode);
        given.Approve();
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(task, 1, mode == TaskMode.Interactive, Now)));
        Assert.Equal(TaskStatus.Active, given[task].Status);
        return (given, task, given.Root);
    }

    private static void Complete(PlanBuilder given, Guid task)
    {
        if (given[task].Status == TaskStatus.Ready)
        {
            given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(task, 1, false, Now)));
        }

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(task, "done", "done", Now)));
    }

    private static Decision AddUnder(Plan plan, Guid parent) =>
        AddTaskDecision.Decide(plan, new AddTask(parent, "Child", null, null, [], [], Guid.NewGuid(), Guid.NewGuid(), Now));

    private static Guid Id(Guid proposal, string key) => AddChildrenDecision.IdFor(proposal, "task", key);

    private static ChildRequest Child(string key, string title, params string[] dependsOn) => new(key, title, $"Do {title}.", TaskMode.Autonomous, dependsOn, ["notes"]);

    private static AddChildren Children(Guid proposal, Guid parent, params ChildRequest[] subtasks) =>
        new(parent, subtasks, key => Id(proposal, key), key => AddChildrenDecision.IdFor(proposal, "conversation", key), Now);
}
