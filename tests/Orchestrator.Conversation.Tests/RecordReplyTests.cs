using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.Conversation.Conversations.RecordingReply;
using Orchestrator.ModelAccess;
using static Orchestrator.Conversation.Tests.ConversationGiven;
using SubtasksProposed = Orchestrator.Conversation.Conversations.SubtasksProposed;

namespace Orchestrator.Conversation.Tests;

/// <summary>What a chat reply leaves in the conversation when it completes, is stopped, or is cut off by the provider.</summary>
public sealed class RecordReplyTests
{
    private static readonly ModelRequest Request = new([new ModelMessage(ModelRole.System, "Be brief."), new ModelMessage(ModelRole.User, "Name three rivers")])
    {
        PromptVersionId = "chat:3",
    };

    private static readonly SubtaskProposal Split = new("Two objectives.", [new ProposedSubtask("a", "A", "Do a.", "autonomous", [], [])]);

    [Fact]
    public void A_complete_reply_is_stored_with_the_usage_the_provider_reported_its_prompt_version_and_its_cost()
    {
        var (state, given) = Given(MessageStatus.Complete, "Rhine, Danube, Loire");
        var command = given with { Usage = new ModelUsage("priced-model", 1_000, 500, TimeSpan.FromMilliseconds(80)) };

        var decision = RecordReplyDecision.Decide(state, command, Tokens, Pricing);

        var reply = Assert.IsType<ReplyGenerated>(Assert.Single(decision.Events));
        Assert.Equal((command.MessageId, "Rhine, Danube, Loire", MessageStatus.Complete), (reply.MessageId, reply.Content, reply.Status));
        Assert.Equal(("priced-model", 1_000, 500, 80d), (reply.Model, reply.PromptTokens, reply.CompletionTokens, reply.LatencyMs));
        Assert.Equal(("chat:3", (string?)null, (Guid?)null), (reply.PromptVersionId, reply.FailureReason, reply.TurnId));
        Assert.Equal(0.002m, reply.CostUsd);
        Assert.Equal((state.TaskId, state.PlanId), (reply.TaskId, reply.PlanId));
        var stored = ConversationEvolution.Apply(state, decision.Events)!.FindMessage(command.MessageId)!;
        Assert.Equal((MessageRole.Assistant, 1_000, 500, 0.002m), (stored.Role, stored.InputTokens, stored.OutputTokens, stored.CostUsd));
    }

    [Fact]
    public void A_complete_reply_without_reported_usage_counts_what_it_wrote_under_the_configured_model()
    {
        var (state, command) = Given(MessageStatus.Complete, "Rhine, Danube, Loire");

        var reply = Assert.IsType<ReplyGenerated>(Assert.Single(RecordReplyDecision.Decide(state, command, Tokens, Pricing).Events));

        Assert.Equal(("priced-model", 0, 3, 0d), (reply.Model, reply.PromptTokens, reply.CompletionTokens, reply.LatencyMs));
        Assert.Equal(0.000006m, reply.CostUsd);
    }

    [Fact]
    public void A_proposal_is_stored_open_on_the_reply_that_made_it()
    {
        var (state, given) = Given(MessageStatus.Complete, "Let us split this.");
        var command = given with { Proposal = Split };

        var decision = RecordReplyDecision.Decide(state, command, Tokens, Pricing);

        Assert.Equal("Let us split this.", Assert.IsType<ReplyGenerated>(decision.Events[0]).Content);
        var proposed = Assert.IsType<SubtasksProposed>(decision.Events[1]);
        Assert.Equal((command.ProposalId, command.MessageId, "Two objectives."), (proposed.ProposalId, proposed.MessageId, proposed.Reason));
        var proposal = ConversationEvolution.Apply(state, decision.Events)!.FindProposal(command.ProposalId)!;
        Assert.Equal((ProposalStatus.Open, "a"), (proposal.Status, Assert.Single(proposal.Subtasks).Key));
    }

    [Theory]
    [InlineData("Two objectives.", "Two objectives.")]
    [InlineData("", "I propose splitting this task into 1 child chats.")]
    public void A_reply_that_is_only_a_proposal_still_says_something_and_is_counted_as_said(string reason, string said)
    {
        var (state, given) = Given(MessageStatus.Complete, "");
        var command = given with { Proposal = Split with { Reason = reason } };

        var reply = Assert.IsType<ReplyGenerated>(RecordReplyDecision.Decide(state, command, Tokens, Pricing).Events[0]);

        Assert.Equal(said, reply.Content);
        Assert.Equal(Tokens.Count(said), reply.CompletionTokens);
    }

    [Fact]
    public void A_stopped_reply_keeps_what_the_person_saw_counted_with_the_context_it_read_and_stays_in_the_models_context()
    {
        var (state, given) = Given(MessageStatus.Stopped, "Rhine, Dan");
        var command = given with
        {
            Usage = new ModelUsage("other", 1, 1, TimeSpan.FromSeconds(1)),
            Proposal = Split,
        };

        var decision = RecordReplyDecision.Decide(state, command, Tokens, Pricing);

        var reply = Assert.IsType<ReplyGenerated>(Assert.Single(decision.Events));
        Assert.Equal(("Rhine, Dan", MessageStatus.Stopped, "chat:3"), (reply.Content, reply.Status, reply.PromptVersionId));
        Assert.Equal(("priced-model", 11, 2, 0d), (reply.Model, reply.PromptTokens, reply.CompletionTokens, reply.LatencyMs));
        Assert.Null(reply.FailureReason);
        var after = ConversationEvolution.Apply(state, decision.Events)!;
        Assert.Empty(after.Proposals);
        Assert.Equal("Rhine, Dan", ModelContext.Messages(after, "S")[^2].Content);
    }

    [Fact]
    public void A_reply_stopped_before_its_request_was_ready_read_nothing_and_names_no_prompt_version()
    {
        var (state, given) = Given(MessageStatus.Stopped, "");
        var command = given with { Request = null };

        var reply = Assert.IsType<ReplyGenerated>(Assert.Single(RecordReplyDecision.Decide(state, command, Tokens, Pricing).Events));

        Assert.Equal((0, 0, (string?)null, 0m), (reply.PromptTokens, reply.CompletionTokens, reply.PromptVersionId, reply.CostUsd));
    }

    [Fact]
    public void A_failed_reply_keeps_its_fragment_and_the_reason_and_is_never_sent_to_the_model_again()
    {
        var (state, given) = Given(MessageStatus.Failed, "Rhine, Da");
        var command = given with { FailureReason = "The provider broke off." };

        var decision = RecordReplyDecision.Decide(state, command, Tokens, Pricing);

        var reply = Assert.IsType<ReplyGenerated>(Assert.Single(decision.Events));
        Assert.Equal(("Rhine, Da", MessageStatus.Failed, "The provider broke off."), (reply.Content, reply.Status, reply.FailureReason));
        Assert.Equal((0, 2), (reply.PromptTokens, reply.CompletionTokens));
        var after = ConversationEvolution.Apply(state, decision.Events)!;
        Assert.DoesNotContain(ModelContext.Messages(after, "S"), m => m.Content == "Rhine, Da");
    }

    [Fact]
    public void A_reply_to_an_unknown_conversation_is_not_found()
    {
        var (_, command) = Given(MessageStatus.Complete, "Rhine");

        var decision = RecordReplyDecision.Decide(null, command, Tokens, Pricing);

        Assert.Equal(Refusal.NotFound, decision.Problem?.Kind);
        Assert.Contains(command.ConversationId.ToString(), decision.Problem!.Detail, StringComparison.Ordinal);
        Assert.Empty(decision.Events);
    }

    private static (Conversations.Conversation State, RecordReply Command) Given(MessageStatus status, string text)
    {
        var briefed = Briefed();
        var state = State(briefed, Posted(briefed.ConversationId, "Name three rivers"));
        return (state, new RecordReply(state.Id, Guid.NewGuid(), status, text, Request, null, null, null, "priced-model", Guid.NewGuid(), Now));
    }
}
