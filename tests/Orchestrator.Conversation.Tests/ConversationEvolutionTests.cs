using JasperFx.Events;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.Conversation.Conversations.StartingConversation;
using Orchestrator.Conversation.Messaging;
using static Orchestrator.Conversation.Tests.ConversationGiven;

namespace Orchestrator.Conversation.Tests;

public sealed class ConversationEvolutionTests
{
    [Fact]
    public void A_brief_opens_the_conversation_and_a_changed_brief_replaces_it()
    {
        var briefed = Briefed(brief: "v1");
        var state = State(briefed);

        Assert.False(BriefDecision.Changes(state, briefed));
        var changed = briefed with { Brief = "v2", Mode = TaskExecutionMode.Hybrid };
        Assert.True(BriefDecision.Changes(state, changed));
        var after = ConversationEvolution.Evolve(state, changed)!;
        Assert.Equal(("v2", TaskExecutionMode.Hybrid), (after.Brief, after.Mode));
        Assert.True(BriefDecision.Changes(null, briefed));
    }

    [Fact]
    public void The_plan_created_start_does_not_overwrite_a_brief_that_arrived_first()
    {
        var briefed = Briefed(brief: "the task's brief");

        var state = ConversationEvolution.Evolve(State(briefed), new ConversationStarted(briefed.ConversationId, briefed.TaskId, briefed.PlanId, "the plan's request", Now))!;

        Assert.Equal("the task's brief", state.Brief);
    }

    [Fact]
    public void Answered_turns_are_remembered_so_a_repeated_command_is_recognised()
    {
        var briefed = Briefed();
        var turn = Guid.NewGuid();

        var state = State(briefed, new AutonomousTurnFailed(turn, briefed.ConversationId, briefed.TaskId, briefed.PlanId, "x", true, Now));

        Assert.Contains(turn, state.HandledTurns);
    }

    [Fact]
    public void Turn_outcomes_and_answers_are_published_and_everything_else_stays_inside()
    {
        var map = new ConversationIntegrationEvents();
        var briefed = Briefed();
        var turn = Guid.NewGuid();

        var completed = map.Map(Wrap(new AutonomousTurnCompleted(turn, briefed.ConversationId, briefed.TaskId, briefed.PlanId, "done", true, "Q?", false, "m", 1, 2, 3, "v", Now)));
        var failed = map.Map(Wrap(new AutonomousTurnFailed(turn, briefed.ConversationId, briefed.TaskId, briefed.PlanId, "boom", false, Now, "execute:2")));
        var answered = map.Map(Wrap(new HumanInputProvided(briefed.ConversationId, briefed.TaskId, briefed.PlanId, Guid.NewGuid(), "Q?", "A", Now)));

        var c = Assert.IsType<ConversationTurnCompletedIntegrationEvent>(completed);
        Assert.Equal((turn, "done", true, "Q?", 1, 2), (c.TurnId, c.Reply, c.InputRequested, c.Question, c.PromptTokens, c.CompletionTokens));
        var f = Assert.IsType<ConversationTurnFailedIntegrationEvent>(failed);
        Assert.Equal(("boom", "execute:2"), (f.Reason, f.PromptVersionId));
        Assert.Equal("A", Assert.IsType<HumanInputProvidedIntegrationEvent>(answered).Answer);
        Assert.Null(map.Map(Wrap(Posted(briefed.ConversationId, "private"))));
        Assert.Null(map.Map(Wrap(briefed)));
    }

    [Fact]
    public void Only_one_turn_runs_per_conversation_and_a_cancelled_task_stops_its_turn()
    {
        var turns = new ActiveTurns();
        var conversation = Guid.NewGuid();
        var task = Guid.NewGuid();

        using var first = turns.TryBegin(conversation, task, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(turns.TryBegin(conversation, task, CancellationToken.None));
        Assert.Equal(1, turns.StopTask(task));
        Assert.True(first.Token.IsCancellationRequested);
        first.Dispose();
        using var second = turns.TryBegin(conversation, task, CancellationToken.None);
        Assert.NotNull(second);
    }

    private static IEvent Wrap(object data) => new Event<object>(data);
}
