using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.Decomposing;

namespace Orchestrator.Planner.Tests.Plans;

public sealed class DecompositionTests
{
    internal const string Valid = """
        {"action":"split","reason":"Three parts","subtasks":[
          {"key":"research","title":"Research carts","objective":"Survey cart designs.","mode":"autonomous","dependsOn":[],"expectedOutputs":["notes"],"subtasks":[]},
          {"key":"design","title":"Design the cart","objective":"Choose the data model.","mode":"interactive","dependsOn":["research"],"expectedOutputs":["model"],"subtasks":[]},
          {"key":"build","title":"Build the cart","objective":"Implement it.","mode":"hybrid","dependsOn":["design"],"expectedOutputs":["code"],"subtasks":[
            {"key":"api","title":"Cart API","objective":"Endpoints.","mode":"autonomous","dependsOn":[],"expectedOutputs":[],"subtasks":[]}
          ]}
        ]}
        """;

    [Fact]
    public void A_valid_reply_becomes_a_proposal_with_modes_dependencies_and_nesting()
    {
        var result = DecompositionParser.Parse(Valid, allowedNesting: 3);

        Assert.Null(result.Error);
        var proposal = result.Proposal!;
        Assert.Equal("split", proposal.Action);
        Assert.Equal(["research", "design", "build"], proposal.Subtasks.Select(t => t.Key));
        Assert.Equal(TaskMode.Hybrid, proposal.Subtasks[2].Mode);
        Assert.Equal(["design"], proposal.Subtasks[2].DependsOn);
        Assert.Equal("api", Assert.Single(proposal.Subtasks[2].Subtasks).Key);
        Assert.Empty(proposal.Repairs);
    }

    [Fact]
    public void A_code_fence_is_repaired_and_reported()
    {
        var result = DecompositionParser.Parse("```json\n" + Valid + "\n```", 3);

        Assert.Null(result.Error);
        Assert.Contains(result.Proposal!.Repairs, r => r.Contains("code fence", StringComparison.Ordinal));
    }

    [Fact]
    public void Nesting_deeper_than_allowed_is_dropped_and_reported()
    {
        var result = DecompositionParser.Parse(Valid, allowedNesting: 1);

        Assert.Null(result.Error);
        Assert.Empty(result.Proposal!.Subtasks[2].Subtasks);
        Assert.Contains(result.Proposal.Repairs, r => r.Contains("'build'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("""{"action":"maybe","reason":"","subtasks":[]}""", "'action' must be")]
    [InlineData("""{"action":"split","reason":"","subtasks":[]}""", "'subtasks' is empty")]
    [InlineData("""{"action":"split","reason":"","subtasks":[{"key":"a","title":"A","objective":"o","mode":"sometimes","dependsOn":[],"expectedOutputs":[],"subtasks":[]}]}""", "mode \"sometimes\"")]
    [InlineData("""{"action":"split","reason":"","subtasks":[{"key":"a","title":"A","objective":"o","mode":"autonomous","dependsOn":["zzz"],"expectedOutputs":[],"subtasks":[]}]}""", "depends on 'zzz'")]
    [InlineData("""{"action":"split","reason":"","subtasks":[{"key":"a","title":"A","objective":"","mode":"autonomous","dependsOn":[],"expectedOutputs":[],"subtasks":[]}]}""", "no 'objective'")]
    [InlineData("""{"action":"split","reason":"","subtasks":[{"key":"a","title":"A","objective":"o","mode":"autonomous","dependsOn":["b"],"expectedOutputs":[],"subtasks":[]},{"key":"b","title":"B","objective":"o","mode":"autonomous","dependsOn":["a"],"expectedOutputs":[],"subtasks":[]}]}""", "cycle")]
    [InlineData("""{"action":"split","reason":"","subtasks":[{"key":"a","title":"A","objective":"o","mode":"autonomous","dependsOn":[],"expectedOutputs":[],"subtasks":[]},{"key":"a","title":"B","objective":"o","mode":"autonomous","dependsOn":[],"expectedOutputs":[],"subtasks":[]}]}""", "used twice")]
    public void A_reply_that_would_change_the_plans_meaning_is_rejected_with_a_reason(string reply, string reason)
    {
        var result = DecompositionParser.Parse(reply, 3);

        Assert.Null(result.Proposal);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposal_becomes_proposed_tasks_with_dependencies_mapped_to_ids()
    {
        var given = PlanBuilder.Create();
        var proposal = DecompositionParser.Parse(Valid, 3).Proposal!;

        var decision = DecompositionDecision.Decide(given.Plan, new ProposeDecomposition(given.Root, proposal, "v1", 1, Guid.NewGuid, PlanBuilder.Now));
        var after = PlanBuilder.Apply(given.Plan, decision);

        Assert.Equal(PlanStatus.Proposed, after.Status);
        Assert.Equal("v1", after.DecompositionPromptVersionId);
        Assert.Equal(5, after.Tasks.Count);
        var design = after.Tasks.Single(t => t.Title == "Design the cart");
        var research = after.Tasks.Single(t => t.Title == "Research carts");
        Assert.Equal([research.Id], design.DependsOn.ToArray());
        Assert.All(after.Tasks.Where(t => t.ParentId is not null), t => Assert.True(t.Proposed));
        Assert.Equal(after.Tasks.Single(t => t.Title == "Build the cart").Id, after.Tasks.Single(t => t.Title == "Cart API").ParentId);
    }

    [Fact]
    public void The_repairs_made_to_the_reply_are_recorded_with_the_proposal_for_the_audit()
    {
        var given = PlanBuilder.Create();
        var proposal = DecompositionParser.Parse("Here is the plan:\n```json\n" + Valid.Replace("\"autonomous\"", "\"auto\"", StringComparison.Ordinal) + "\n```", 3).Proposal!;

        var decision = DecompositionDecision.Decide(given.Plan, new ProposeDecomposition(given.Root, proposal, "v1", 1, Guid.NewGuid, PlanBuilder.Now));

        var proposed = Assert.Single(decision.Events.OfType<DecompositionProposed>());
        Assert.Equal(
        [
            "Removed a code fence around the JSON.",
            "Took the JSON out of the text around it.",
            "Read the mode \"auto\" of 'research' as \"autonomous\".",
            "Read the mode \"auto\" of 'api' as \"autonomous\".",
        ], proposed.Repairs);
    }

    [Fact]
    public void The_retry_turn_quotes_the_readers_reason_to_the_model()
    {
        var reason = DecompositionParser.Parse("{\"action\":\"split\",\"reason\":\"\",\"subtasks\":[{\"key\":\"a\"", 3).Error!;

        var turn = Decomposer.RetryTurn(reason);

        Assert.StartsWith("That reply cannot be used: The JSON is cut off", turn, StringComparison.Ordinal);
        Assert.Contains("\"autonomous\", \"interactive\" or \"hybrid\"", turn, StringComparison.Ordinal);
    }

    [Fact]
    public void Regenerating_replaces_the_unapproved_proposal_and_approval_counts_the_edits()
    {
        var given = PlanBuilder.Create();
        var proposal = DecompositionParser.Parse(Valid, 3).Proposal!;
        given.Then(p => DecompositionDecision.Decide(p, new ProposeDecomposition(given.Root, proposal, "v1", 1, Guid.NewGuid, PlanBuilder.Now)));
        given.Then(p => DecompositionDecision.Decide(p, new ProposeDecomposition(given.Root, proposal, "v2", 1, Guid.NewGuid, PlanBuilder.Now)));
        Assert.Equal(5, given.Plan.Tasks.Count);
        Assert.Equal(0, given.Plan.EditsSinceProposal);

        given.Add("Extra");
        Assert.Equal(1, given.Plan.EditsSinceProposal);
        given.Approve();

        Assert.All(given.Plan.Tasks, t => Assert.False(t.Proposed));
        Assert.Equal(PlanStatus.Running, given.Plan.Status);
    }

    [Fact]
    public void A_task_whose_subtasks_were_kept_is_not_decomposed_again()
    {
        var given = PlanBuilder.Create();
        given.Add("Manual child");

        Assert.Equal(Refusal.Conflict, DecompositionDecision.CheckCanDecompose(given.Plan, given.Root)!.Kind);
    }
}
