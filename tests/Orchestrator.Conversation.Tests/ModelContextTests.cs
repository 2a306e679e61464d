using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.ModelAccess;
using static Orchestrator.Conversation.Tests.ConversationGiven;

namespace Orchestrator.Conversation.Tests;

public sealed class ModelContextTests
{
    private static readonly ITokenCounter Tokens = TiktokenCounter.ForModel("orchestrator-simulator");

    [Fact]
    public void The_context_is_the_system_prompt_then_this_conversations_own_messages()
    {
        var briefed = Briefed();
        var state = State(briefed, Posted(briefed.ConversationId, "q1"), Replied(briefed.ConversationId, "a1"), Posted(briefed.ConversationId, "q2"));

        var messages = ModelContext.Messages(state, "SYSTEM");

        Assert.Equal(
            [(ModelRole.System, "SYSTEM"), (ModelRole.User, "q1"), (ModelRole.Assistant, "a1"), (ModelRole.User, "q2")],
            messages.Select(m => (m.Role, m.Content)));
    }

    [Fact]
    public void A_failed_fragment_is_left_out_and_a_stopped_reply_is_kept()
    {
        var briefed = Briefed();
        var state = State(briefed,
            Posted(briefed.ConversationId, "q1"), Replied(briefed.ConversationId, "half a", MessageStatus.Failed),
            Posted(briefed.ConversationId, "q2"), Replied(briefed.ConversationId, "stopped b", MessageStatus.Stopped),
            Posted(briefed.ConversationId, "q3"));

        var contents = ModelContext.Messages(state, "S").Select(m => m.Content).ToList();

        Assert.Equal(["S", "q1", "q2", "stopped b", "q3"], contents);
    }

    [Fact]
    public void A_turn_with_nothing_to_answer_gets_an_instruction_to_start_from_the_brief()
    {
        var state = State(Briefed());

        var last = ModelContext.Messages(state, "S")[^1];

        Assert.Equal(ModelRole.User, last.Role);
        Assert.Contains("Parser", last.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_gets_the_brief_the_declared_inputs_and_the_expected_outputs()
    {
        var briefed = Briefed(brief: "Write the BRIEF-X parser.");
        var state = State(briefed, new InputsDeclared(briefed.ConversationId,
            [new TaskInput(Guid.NewGuid(), "Grammar", "GRAMMAR-RESULT", TaskInputSource.Dependency), new TaskInput(Guid.NewGuid(), "Goal", "GOAL", TaskInputSource.Parent)], 1, Now));

        var arguments = ModelContext.TemplateArguments(state);

        Assert.Equal("Write the BRIEF-X parser.", arguments["brief"]);
        Assert.Equal("## Grammar (result of a task this one depends on)\nGRAMMAR-RESULT\n\n## Goal (passed down by the parent task)\nGOAL", arguments["inputs"]);
        Assert.Equal("- A parser", arguments["expectedOutputs"]);
    }

    [Fact]
    public void A_context_within_budget_needs_no_recap()
    {
        var briefed = Briefed();
        var state = State(briefed, Posted(briefed.ConversationId, "short"));

        Assert.Null(ModelContext.PlanRecap(state, ModelContext.Messages(state, "S"), Tokens, 4096));
    }

    [Fact]
    public void Near_the_window_older_turns_are_recapped_and_the_recent_ones_kept()
    {
        var briefed = Briefed();
        var events = new List<object> { briefed };
        for (var i = 0; i < 6; i++)
        {
            events.Add(Posted(briefed.ConversationId, $"question {i} " + string.Join(' ', Enumerable.Repeat("word", 150))));
            events.Add(Replied(briefed.ConversationId, $"answer {i} " + string.Join(' ', Enumerable.Repeat("word", 150))));
        }

        var state = State([.. events]);
        var plan = ModelContext.PlanRecap(state, ModelContext.Messages(state, "S"), Tokens, 1024);

        Assert.NotNull(plan);
        Assert.Equal(12 - ModelContext.KeepRecentMessages, plan.ToSummarise.Count);
        Assert.True(plan.TokensBefore > ModelContext.Budget(1024));

        var recapped = ConversationEvolution.Evolve(state, new ConversationRecapped(state.Id, "RECAP", plan.ThroughMessageId, plan.ToSummarise.Count, plan.TokensBefore, 0, Now))!;
        var after = ModelContext.Messages(recapped, "S");
        Assert.Equal("Recap of the earlier conversation (it replaces those messages):\nRECAP", after[1].Content);
        Assert.Equal(2 + ModelContext.KeepRecentMessages + 1, after.Count);
        Assert.StartsWith("question 4", after[2].Content, StringComparison.Ordinal);
        Assert.Contains("question 0", ModelContext.Transcript(state, plan), StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_with_only_recent_messages_is_not_recapped_even_when_large()
    {
        var briefed = Briefed();
        var state = State(briefed, Posted(briefed.ConversationId, string.Join(' ', Enumerable.Repeat("word", 2000))));

        Assert.Null(ModelContext.PlanRecap(state, ModelContext.Messages(state, "S"), Tokens, 1024));
    }
}
