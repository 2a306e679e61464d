extern alias modelsim;

using System.Text.Json.Nodes;
using modelsim::Orchestrator.ModelSimulator.Completions;
using modelsim::Orchestrator.ModelSimulator.Replies;

namespace Orchestrator.ModelAccess.Tests;

/// <summary>The simulator proposes child chats when a chat asks to split, and the proposal reads back as the tool's arguments.</summary>
public sealed class SimulatorSplitTests
{
    private static ChatRequest Chat(string message, params string[] tools)
    {
        var body = new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are working with a person.\n<brief>\nBuild the checkout page\n\nAddress, payment, summary.\n</brief>" },
                new JsonObject { ["role"] = "user", ["content"] = message }),
            ["tools"] = new JsonArray([.. tools.Select(t => (JsonNode)new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = t } })]),
        };
        return ChatRequest.Parse(body).Request!;
    }

    [Theory]
    [InlineData("Please split this into parts.")]
    [InlineData("Can you break this down?")]
    [InlineData("Split this task into child chats.")]
    [InlineData("I'd like this into parts")]
    public void A_request_to_split_gets_a_propose_subtasks_call_with_dependent_child_chats(string message)
    {
        var reply = ReplyComposer.Compose(Chat(message, SplitProposalComposer.ProposeSubtasks));

        var call = Assert.Single(reply.ToolCalls);
        Assert.Equal(ModelTools.ProposeSubtasks, call.Name);
        var arguments = JsonNode.Parse(call.Arguments)!;
        var proposal = SubtaskProposal.Read(arguments["reason"]!.GetValue<string>(), arguments["subtasks"]!.ToJsonString());
        Assert.NotNull(proposal);
        Assert.Equal(3, proposal.Subtasks.Count);
        Assert.Equal(["autonomous", "interactive", "hybrid"], proposal.Subtasks.Select(s => s.Mode));
        Assert.Equal(["research"], proposal.Subtasks[1].DependsOn);
        Assert.All(proposal.Subtasks, s => Assert.Contains("Build the checkout page", s.Objective, StringComparison.Ordinal));
        Assert.All(proposal.Subtasks, s => Assert.InRange(s.Title.Length, 1, 80));
        Assert.Equal("Research: Build the checkout page", proposal.Subtasks[0].Title);
    }

    [Theory]
    [InlineData("What should the summary show?", true)]
    [InlineData("Please split this into parts.", false)]
    public void Without_a_request_to_split_or_without_the_tool_there_is_no_proposal(string message, bool offered)
    {
        var reply = ReplyComposer.Compose(offered ? Chat(message, SplitProposalComposer.ProposeSubtasks) : Chat(message));

        Assert.DoesNotContain(reply.ToolCalls, c => c.Name == ModelTools.ProposeSubtasks);
    }

    [Theory]
    [InlineData("autonomous", "autonomous")]
    [InlineData(" Auto ", "autonomous")]
    [InlineData("AI", "autonomous")]
    [InlineData("Semi-Auto", "hybrid")]
    [InlineData("mixed", "hybrid")]
    [InlineData("manual", "interactive")]
    [InlineData("sideways", "interactive")]
    [InlineData(null, "interactive")]
    public void A_proposed_mode_is_read_in_the_words_models_use(string? written, string mode) =>
        Assert.Equal(mode, SubtaskProposal.Mode(written));

    [Theory]
    [InlineData("""[{"key":"a","title":"A","objective":"Do A.","mode":"autonomous","dependsOn":[],"expectedOutputs":["x"]}]""", 1)]
    [InlineData("\"[{\\\"title\\\":\\\"A\\\"},{\\\"title\\\":\\\"B\\\",\\\"dependsOn\\\":[\\\"1\\\"]}]\"", 2)]
    [InlineData("""[{"title":""}]""", 0)]
    [InlineData("""{"title":"not an array"}""", 0)]
    [InlineData("not json", 0)]
    public void Tool_arguments_are_read_as_providers_send_them_and_garbled_ones_are_dropped(string subtasks, int expected)
    {
        var proposal = SubtaskProposal.Read("why", subtasks);

        Assert.Equal(expected, proposal?.Subtasks.Count ?? 0);
        if (expected == 2)
        {
            Assert.Equal(["1", "2"], proposal!.Subtasks.Select(s => s.Key));
            Assert.Equal("interactive", proposal.Subtasks[0].Mode);
        }
    }
}
