using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.CreatingPlan;

namespace Orchestrator.Planner.Tests.Plans;

public sealed class CreatePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static CreatePlan Command(string request, string? title = null) =>
        new(Guid.NewGuid(), request, title, Guid.NewGuid(), Guid.NewGuid(), Now);

    [Fact]
    public void A_request_creates_a_draft_plan_with_one_interactive_root_task()
    {
        var command = Command("  Add a shopping cart to my shop\nwith coupons  ");

        var decision = CreatePlanDecision.Decide(Plan.Initial, command);

        var created = Assert.IsType<PlanCreated>(Assert.Single(decision.Events));
        Assert.Null(decision.Problem);
        Assert.Equal("Add a shopping cart to my shop", created.Title);
        Assert.Equal("Add a shopping cart to my shop\nwith coupons", created.Request);

        var plan = PlanEvolution.Evolve(Plan.Initial, created);
        Assert.Equal(PlanStatus.Draft, plan.Status);
        var root = Assert.Single(plan.Tasks);
        Assert.Equal(command.RootTaskId, root.Id);
        Assert.Null(root.ParentId);
        Assert.Equal(command.RootConversationId, root.ConversationId);
        Assert.Equal(TaskMode.Interactive, root.Mode);
        Assert.Equal(Orchestrator.Planner.Plans.TaskStatus.Pending, root.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void An_empty_request_is_refused_with_a_reason(string request)
    {
        var decision = CreatePlanDecision.Decide(Plan.Initial, Command(request));

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains("'request' is empty", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_over_the_limit_is_refused()
    {
        var decision = CreatePlanDecision.Decide(Plan.Initial, Command(new string('x', CreatePlanDecision.MaxRequestLength + 1)));

        Assert.Empty(decision.Events);
        Assert.Contains("limit", decision.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_plan_is_not_created_twice()
    {
        var command = Command("Write a report");
        var existing = PlanEvolution.Evolve(Plan.Initial, CreatePlanDecision.Decide(Plan.Initial, command).Events[0]);

        var decision = CreatePlanDecision.Decide(existing, command);

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.Conflict, decision.Problem!.Kind);
    }

    [Fact]
    public void A_long_first_line_is_shortened_into_the_title()
    {
        var title = CreatePlanDecision.TitleFrom(new string('a', 120));

        Assert.Equal(78, title.Length);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_title_wins_over_the_request()
    {
        var created = (PlanCreated)CreatePlanDecision.Decide(Plan.Initial, Command("Do many things", "  Cart  ")).Events[0];

        Assert.Equal("Cart", created.Title);
    }
}
