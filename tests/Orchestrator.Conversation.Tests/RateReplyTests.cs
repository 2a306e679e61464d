using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.GettingConversation;
using Orchestrator.Conversation.Conversations.RatingReply;
using static Orchestrator.Conversation.Tests.ConversationGiven;

namespace Orchestrator.Conversation.Tests;

/// <summary>The person's thumbs on a reply: which verdicts are recorded, on which messages, and how they show.</summary>
public sealed class RateReplyTests
{
    [Fact]
    public void A_thumbs_down_on_a_reply_is_recorded_with_the_prompt_version_that_produced_it()
    {
        var (state, reply) = WithReply();

        var decision = RateReplyDecision.Decide(state, new RateReply(state.Id, reply.MessageId, "down", Now));

        Assert.Null(decision.Problem);
        var rated = Assert.IsType<ReplyRated>(Assert.Single(decision.Events));
        Assert.Equal(ReplyVerdict.Down, rated.Verdict);
        Assert.Equal("v1", rated.PromptVersionId);
        Assert.Null(rated.PreviousVerdict);
        Assert.Equal((state.TaskId, state.PlanId, reply.MessageId), (rated.TaskId, rated.PlanId, rated.MessageId));
        var shown = ConversationView.From(ConversationEvolution.Apply(state, decision.Events)!).Messages.Single(m => m.Id == reply.MessageId);
        Assert.Equal(ReplyVerdict.Down, shown.Feedback);
        Assert.Equal("v1", shown.PromptVersionId);
    }

    [Fact]
    public void A_change_and_a_clearing_name_the_last_verdict_given_and_the_same_verdict_again_records_nothing()
    {
        var (state, reply) = WithReply();
        var up = RateReplyDecision.Decide(state, new RateReply(state.Id, reply.MessageId, "up", Now));
        state = ConversationEvolution.Apply(state, up.Events)!;

        Assert.Same(Decision.Unchanged, RateReplyDecision.Decide(state, new RateReply(state.Id, reply.MessageId, "up", Now)));

        var down = RateReplyDecision.Decide(state, new RateReply(state.Id, reply.MessageId, "down", Now));
        state = ConversationEvolution.Apply(state, down.Events)!;
        var cleared = RateReplyDecision.Decide(state, new RateReply(state.Id, reply.MessageId, null, Now));
        state = ConversationEvolution.Apply(state, cleared.Events)!;

        Assert.Equal(ReplyVerdict.Up, Assert.IsType<ReplyRated>(Assert.Single(down.Events)).PreviousVerdict);
        var clearing = Assert.IsType<ReplyRated>(Assert.Single(cleared.Events));
        Assert.Null(clearing.Verdict);
        Assert.Equal(ReplyVerdict.Down, clearing.PreviousVerdict);
        Assert.Null(state.FindMessage(reply.MessageId)!.Feedback);
        Assert.Same(Decision.Unchanged, RateReplyDecision.Decide(state, new RateReply(state.Id, reply.MessageId, null, Now)));

        // After a clearing, the verdict given before it is still the one to revise.
        var again = RateReplyDecision.Decide(state, new RateReply(state.Id, reply.MessageId, "up", Now));
        Assert.Equal(ReplyVerdict.Down, Assert.IsType<ReplyRated>(Assert.Single(again.Events)).PreviousVerdict);
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("UP")]
    [InlineData("")]
    public void An_unknown_verdict_is_invalid(string verdict)
    {
        var (state, reply) = WithReply();

        var decision = RateReplyDecision.Decide(state, new RateReply(state.Id, reply.MessageId, verdict, Now));

        Assert.Equal(Refusal.Invalid, decision.Problem?.Kind);
        Assert.Contains("\"up\", \"down\"", decision.Problem!.Detail, StringComparison.Ordinal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_persons_own_message_takes_no_verdict()
    {
        var briefed = Briefed();
        var posted = Posted(briefed.ConversationId, "Hello");
        var state = State(briefed, posted, Replied(briefed.ConversationId, "Hi"));

        var decision = RateReplyDecision.Decide(state, new RateReply(state.Id, posted.MessageId, "up", Now));

        Assert.Equal(Refusal.Invalid, decision.Problem?.Kind);
        Assert.Contains("not a reply", decision.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_conversation_or_message_is_not_found()
    {
        var (state, _) = WithReply();
        var unknown = Guid.NewGuid();

        Assert.Equal(Refusal.NotFound, RateReplyDecision.Decide(null, new RateReply(unknown, Guid.NewGuid(), "up", Now)).Problem?.Kind);
        var missing = RateReplyDecision.Decide(state, new RateReply(state.Id, unknown, "up", Now));
        Assert.Equal(Refusal.NotFound, missing.Problem?.Kind);
        Assert.Contains(unknown.ToString(), missing.Problem!.Detail, StringComparison.Ordinal);
    }

    private static (Conversations.Conversation State, ReplyGenerated Reply) WithReply()
    {
        var briefed = Briefed();
        var reply = Replied(briefed.ConversationId, "Here is the parser.");
        return (State(briefed, Posted(briefed.ConversationId, "Write it"), reply), reply);
    }
}
