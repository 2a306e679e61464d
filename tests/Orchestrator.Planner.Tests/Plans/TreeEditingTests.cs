using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.AddingTask;
using Orchestrator.Planner.Plans.CloningSubtree;
using Orchestrator.Planner.Plans.DeletingSubtree;
using Orchestrator.Planner.Plans.EditingTask;
using Orchestrator.Planner.Plans.MovingTask;
using TaskStatus = Orchestrator.Planner.Plans.TaskStatus;

namespace Orchestrator.Planner.Tests.Plans;

public sealed class TreeEditingTests
{
    private static readonly DateTimeOffset Now = PlanBuilder.Now;

    [Fact]
    public void A_child_without_an_objective_gets_a_brief_written_from_its_parent()
    {
        var given = PlanBuilder.Create("Add a shopping cart to my shop");
        var id = Guid.NewGuid();

        var decision = AddTaskDecision.Decide(given.Plan, new AddTask(given.Root, "Cart model", null, null, [], [], id, Guid.NewGuid(), Now));

        var added = Assert.IsType<TaskAdded>(Assert.Single(decision.Events));
        Assert.StartsWith("Cart model", added.Objective, StringComparison.Ordinal);
        Assert.Contains("Add a shopping cart to my shop", added.Objective, StringComparison.Ordinal);
        Assert.Equal(TaskMode.Interactive, added.Mode);
        Assert.Equal(given.Root, added.ParentId);
    }

    [Fact]
    public void Adding_under_an_unknown_task_is_not_found_and_writes_nothing()
    {
        var given = PlanBuilder.Create();

        var decision = AddTaskDecision.Decide(given.Plan, new AddTask(Guid.NewGuid(), "Orphan", null, null, [], [], Guid.NewGuid(), Guid.NewGuid(), Now));

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.NotFound, decision.Problem!.Kind);
    }

    [Fact]
    public void A_dependency_on_a_task_outside_the_plan_is_refused()
    {
        var given = PlanBuilder.Create();

        var decision = AddTaskDecision.Decide(given.Plan, new AddTask(given.Root, "B", null, null, [Guid.NewGuid()], [], Guid.NewGuid(), Guid.NewGuid(), Now));

        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("no such task", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dependency_cycle_is_refused_with_the_cycle_named()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        var b = given.Add("B", dependsOn: a);

        var decision = EditTaskDecision.Decide(given.Plan, new EditTask(a, null, null, null, [b], null, Now));

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("cycle", decision.Problem.Detail, StringComparison.Ordinal);
        Assert.Contains("'A'", decision.Problem.Detail, StringComparison.Ordinal);
        Assert.Contains("'B'", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_cannot_depend_on_its_own_ancestor()
    {
        var given = PlanBuilder.Create();
        var parent = given.Add("Parent");
        var child = given.Add("Child", parent);

        var decision = EditTaskDecision.Decide(given.Plan, new EditTask(child, null, null, null, [parent], null, Now));

        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("ancestors", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_task_under_its_own_descendant_is_refused()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        var a1 = given.Add("A1", a);

        var decision = MoveTaskDecision.Decide(given.Plan, new MoveTask(a, a1, 0, Now));

        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("own subtree", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_task_under_a_sibling_that_waits_for_it_is_refused_with_the_cycle_named()
    {
        // Research ← Design ← Build ← Tests: under Research, Tests would wait for Build, Build for Design,
        // Design for Research, and Research (now a parent) for Tests. The dependencies alone have no cycle.
        var (given, research, tests) = ResearchDesignBuildTests();

        var decision = MoveTaskDecision.Decide(given.Plan, new MoveTask(tests, research, 0, Now));

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("'Tests' → 'Build' → 'Design' → 'Research' → 'Tests'", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_task_under_a_sibling_it_waits_for_through_others_is_refused()
    {
        // Under Tests, Research would start only once what Tests depends on (Build) is done, which waits for Research.
        var (given, research, tests) = ResearchDesignBuildTests();

        var decision = MoveTaskDecision.Decide(given.Plan, new MoveTask(research, tests, 0, Now));

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("cycle", decision.Problem.Detail, StringComparison.Ordinal);
        Assert.Contains("'Research' → 'Tests' → 'Build'", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_task_under_an_independent_sibling_is_accepted()
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        var tests = given.Add("Tests", dependsOn: build);
        var docs = given.Add("Docs", dependsOn: build);

        given.Then(p => MoveTaskDecision.Decide(p, new MoveTask(docs, tests, 0, Now)));

        Assert.Equal(tests, given[docs].ParentId);
    }

    [Fact]
    public void A_move_that_undoes_an_older_deadlock_is_accepted()
    {
        var given = PlanBuilder.Create();
        var research = given.Add("Research");
        var design = given.Add("Design", dependsOn: research);
        var tests = given.Add("Tests", dependsOn: design);
        var other = given.Add("Other");
        var deadlocked = PlanWriter.Fold(given.Plan, [new TaskMoved(given.Plan.Id, tests, research, 0, Now)]);

        Assert.Null(MoveTaskDecision.Decide(deadlocked, new MoveTask(other, given.Root, 0, Now)).Problem);
        Assert.Null(MoveTaskDecision.Decide(deadlocked, new MoveTask(tests, given.Root, 3, Now)).Problem);
    }

    [Fact]
    public void Adding_a_subtask_that_waits_for_what_waits_for_its_parent_is_refused()
    {
        var given = PlanBuilder.Create();
        var parent = given.Add("Parent");
        var after = given.Add("After", dependsOn: parent);

        var decision = AddTaskDecision.Decide(given.Plan, new AddTask(parent, "Child", null, null, [after], [], Guid.NewGuid(), Guid.NewGuid(), Now));

        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("'Child' → 'After' → 'Parent' → 'Child'", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_reorders_the_new_siblings_and_keeps_orders_dense()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        var b = given.Add("B");
        var c = given.Add("C");
        var target = given.Add("Target");
        var inner = given.Add("Inner", target);

        given.Then(p => MoveTaskDecision.Decide(p, new MoveTask(c, given.Root, 0, Now)));
        given.Then(p => MoveTaskDecision.Decide(p, new MoveTask(a, target, 0, Now)));

        Assert.Equal([c, b, target], given.Plan.ChildrenOf(given.Root).Select(t => t.Id));
        Assert.Equal([0, 1, 2], given.Plan.ChildrenOf(given.Root).Select(t => t.Order));
        Assert.Equal([a, inner], given.Plan.ChildrenOf(target).Select(t => t.Id));
    }

    [Fact]
    public void The_root_cannot_move_or_be_deleted()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");

        Assert.Equal(Refusal.Invalid, MoveTaskDecision.Decide(given.Plan, new MoveTask(given.Root, a, 0, Now)).Problem!.Kind);
        Assert.Equal(Refusal.Invalid, DeleteSubtreeDecision.Decide(given.Plan, new DeleteSubtree(given.Root, Now)).Problem!.Kind);
    }

    [Fact]
    public void Cloning_copies_the_subtree_with_new_ids_and_conversations_and_remaps_inner_dependencies()
    {
        var given = PlanBuilder.Create();
        var outside = given.Add("Outside");
        var feature = given.Add("Feature");
        var design = given.Add("Design", feature);
        var build = given.Add("Build", feature, TaskMode.Hybrid, design, outside);

        var decision = CloneSubtreeDecision.Decide(given.Plan, new CloneSubtree(feature, Guid.NewGuid, Now));
        var after = PlanBuilder.Apply(given.Plan, decision);

        var added = decision.Events.Cast<TaskAdded>().ToList();
        Assert.Equal(3, added.Count);
        Assert.Equal("Feature (copy)", added[0].Title);
        Assert.DoesNotContain(added, t => t.TaskId == feature || t.TaskId == design || t.TaskId == build);
        Assert.DoesNotContain(added, t => given.Plan.Tasks.Any(existing => existing.ConversationId == t.ConversationId));
        var copiedBuild = added.Single(t => t.Title == "Build");
        var copiedDesign = added.Single(t => t.Title == "Design");
        Assert.Equal([copiedDesign.TaskId, outside], copiedBuild.DependsOn);
        Assert.Equal(TaskMode.Hybrid, copiedBuild.Mode);
        Assert.Equal(8, after.Tasks.Count);
    }

    [Fact]
    public void Deleting_a_subtree_removes_it_and_drops_dependencies_on_it()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        given.Add("A1", a);
        var b = given.Add("B", dependsOn: a);

        given.Then(p => DeleteSubtreeDecision.Decide(p, new DeleteSubtree(a, Now)));

        Assert.Equal(2, given.Plan.Tasks.Count);
        Assert.Empty(given[b].DependsOn);
        Assert.Equal(0, given[b].Order);
    }

    [Fact]
    public void A_running_task_keeps_its_objective_but_may_be_renamed()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        given.Approve();
        Assert.Equal(TaskStatus.Ready, given[a].Status);

        var change = EditTaskDecision.Decide(given.Plan, new EditTask(a, null, "Something else", null, null, null, Now));
        var rename = EditTaskDecision.Decide(given.Plan, new EditTask(a, "A, renamed", null, null, null, null, Now));

        Assert.Equal(Refusal.Conflict, change.Problem!.Kind);
        Assert.Null(rename.Problem);
        Assert.Equal("A, renamed", Assert.IsType<TaskEdited>(Assert.Single(rename.Events)).Title);
    }

    [Fact]
    public void A_subtree_with_a_running_task_cannot_be_deleted()
    {
        var given = PlanBuilder.Create();
        var a = given.Add("A");
        given.Approve();

        var decision = DeleteSubtreeDecision.Decide(given.Plan, new DeleteSubtree(a, Now));

        Assert.Equal(Refusal.Conflict, decision.Problem!.Kind);
    }

    /// <summary>Four sibling tasks in a chain: Research ← Design ← Build ← Tests.</summary>
    private static (PlanBuilder Given, Guid Research, Guid Tests) ResearchDesignBuildTests()
    {
        var given = PlanBuilder.Create();
        var research = given.Add("Research");
        var design = given.Add("Design", dependsOn: research);
        var build = given.Add("Build", dependsOn: design);
        return (given, research, given.Add("Tests", dependsOn: build));
    }
}
