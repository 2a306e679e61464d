using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.Conversation.Conversations.GettingConversation;
using Orchestrator.Conversation.Conversations.SplittingTask;
using Orchestrator.ModelAccess;
using static Orchestrator.Conversation.Tests.ConversationGiven;
using SubtasksProposed = Orchestrator.Conversation.Conversations.SubtasksProposed;

namespace Orchestrator.Conversation.Tests;

/// <summary>Proposals to split a task into child chats: how they are recorded, shown, accepted and dismissed.</summary>
public sealed class ProposalTests
{
    private static readonly ProposedSubtask Research = new("research", "Research", "Find out.", "autonomous", [], ["Notes"]);
    private static readonly ProposedSubtask Design = new("design", "Design", "Decide.", "interactive", ["research"], ["Decisions"]);

    [Fact]
    public void A_proposal_is_shown_on_the_reply_that_made_it_and_starts_open()
    {
        var briefed = Briefed();
        var reply = Replied(briefed.ConversationId, "Let us split.");
        var proposalId = Guid.NewGuid();
        var state = State(briefed, reply, new SubtasksProposed(briefed.ConversationId, proposalId, reply.MessageId, "Two objectives.", [Research, Design], Now));

        var view = ConversationView.From(state);

        var proposal = Assert.Single(view.Messages, m => m.Proposal is not null).Proposal!;
        Assert.Equal(reply.MessageId, Assert.Single(view.Messages, m => m.Proposal is not null).Id);
        Assert.Equal(proposalId, proposal.Id);
        Assert.Equal(ProposalStatus.Open, proposal.Status);
        Assert.Equal(["research", "design"], proposal.Subtasks.Select(s => s.Key));
    }

    [Fact]
    public void Accepting_takes_the_persons_edits_normalised_and_records_the_created_tasks()
    {
        var (state, proposalId) = WithProposal();
        var edited = new[] { Research with { Mode = " Autonomous " }, Design with { Key = " ", Title = "Design the page" } };

        var (subtasks, problem) = ProposalDecisions.ToCreate(state, proposalId, edited);

        Assert.Null(problem);
        Assert.Equal(["autonomous", "interactive"], subtasks!.Select(s => s.Mode));
        Assert.Equal("2", subtasks![1].Key);
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var accepted = ProposalDecisions.Accept(state, proposalId, subtasks, ids, Now);
        var after = ConversationEvolution.Apply(state, accepted.Events)!.FindProposal(proposalId)!;
        Assert.Equal(ProposalStatus.Accepted, after.Status);
        Assert.Equal(ids, after.TaskIds);
        Assert.Equal("Design the page", after.Subtasks[1].Title);
    }

    [Fact]
    public void Without_edits_the_models_proposal_is_created_as_it_is()
    {
        var (state, proposalId) = WithProposal();

        var (subtasks, problem) = ProposalDecisions.ToCreate(state, proposalId, null);

        Assert.Null(problem);
        Assert.Equal([Research, Design], subtasks);
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("")]
    public void An_unknown_mode_is_refused_with_the_modes_to_use(string mode)
    {
        var (state, proposalId) = WithProposal();

        var (_, problem) = ProposalDecisions.ToCreate(state, proposalId, [Research with { Mode = mode }]);

        Assert.Equal(Refusal.Invalid, problem?.Kind);
        Assert.Contains("autonomous", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_edit_unknown_proposal_or_decided_proposal_is_refused()
    {
        var (state, proposalId) = WithProposal();

        Assert.Equal(Refusal.Invalid, ProposalDecisions.ToCreate(state, proposalId, []).Problem?.Kind);
        Assert.Equal(Refusal.NotFound, ProposalDecisions.ToCreate(state, Guid.NewGuid(), null).Problem?.Kind);
        Assert.Equal(Refusal.NotFound, ProposalDecisions.ToCreate(null, proposalId, null).Problem?.Kind);

        var dismissed = ConversationEvolution.Apply(state, ProposalDecisions.Dismiss(state, proposalId, Now).Events)!;
        Assert.Equal(ProposalStatus.Dismissed, dismissed.FindProposal(proposalId)!.Status);
        Assert.Equal(Refusal.Conflict, ProposalDecisions.ToCreate(dismissed, proposalId, null).Problem?.Kind);
        Assert.Equal(Refusal.Conflict, ProposalDecisions.Dismiss(dismissed, proposalId, Now).Problem?.Kind);
        Assert.Equal(Refusal.Conflict, ProposalDecisions.Accept(dismissed, proposalId, [Research], [Guid.NewGuid()], Now).Problem?.Kind);
    }

    [Theory]
    [InlineData(TaskExecutionMode.Interactive, false, TurnKind.Chat, true)]
    [InlineData(TaskExecutionMode.Hybrid, false, TurnKind.Chat, true)]
    [InlineData(TaskExecutionMode.Autonomous, false, TurnKind.Chat, false)]
    [InlineData(TaskExecutionMode.Autonomous, true, TurnKind.Chat, true)]
    [InlineData(TaskExecutionMode.Hybrid, false, TurnKind.Execute, false)]
    public void Chats_with_the_person_offer_the_split_and_autonomous_turns_do_not(TaskExecutionMode mode, bool root, TurnKind kind, bool offered)
    {
        var briefed = Briefed(mode: mode) with { ParentId = root ? null : Guid.NewGuid() };

        Assert.Equal(offered, ConversationTurns.OffersSplit(State(briefed), kind));
    }

    private static (Conversations.Conversation State, Guid ProposalId) WithProposal()
    {
        var briefed = Briefed();
        var reply = Replied(briefed.ConversationId, "Let us split.");
        var proposalId = Guid.NewGuid();
        return (State(briefed, reply, new SubtasksProposed(briefed.ConversationId, proposalId, reply.MessageId, "Two objectives.", [Research, Design], Now)), proposalId);
    }
}
