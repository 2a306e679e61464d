using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.PostingMessage;
using Orchestrator.Conversation.Conversations.RequestingInput;
using static Orchestrator.Conversation.Tests.ConversationGiven;
using InputRequested = Orchestrator.Conversation.Conversations.InputRequested;

namespace Orchestrator.Conversation.Tests;

/// <summary>A task asking the person for input: the conversation waits, and the person's next message answers.</summary>
public sealed class RequestInputTests
{
    [Fact]
    public void A_question_makes_the_conversation_wait_for_the_persons_answer()
    {
        var briefed = Briefed(mode: TaskExecutionMode.Hybrid);
        var turnId = Guid.NewGuid();

        var decision = RequestInputDecision.Decide(State(briefed), new RequestInput(briefed.ConversationId, "Which database?", turnId, Now));

        var asked = Assert.IsType<InputRequested>(Assert.Single(decision.Events));
        Assert.Equal((briefed.ConversationId, briefed.TaskId, briefed.PlanId, "Which database?", (Guid?)turnId), (asked.ConversationId, asked.TaskId, asked.PlanId, asked.Question, asked.TurnId));
        var waiting = ConversationEvolution.Apply(State(briefed), decision.Events)!;
        Assert.Equal((ConversationStatus.AwaitingInput, "Which database?"), (waiting.Status, waiting.PendingQuestion));
    }

    [Fact]
    public void The_persons_next_message_answers_the_question_that_was_asked()
    {
        var briefed = Briefed(mode: TaskExecutionMode.Hybrid);
        var asked = RequestInputDecision.Decide(State(briefed), new RequestInput(briefed.ConversationId, "Which database?", Guid.NewGuid(), Now));
        var waiting = ConversationEvolution.Apply(State(briefed), asked.Events)!;

        var answer = PostMessageDecision.Decide(waiting, new PostMessage(briefed.ConversationId, Guid.NewGuid(), "PostgreSQL", "person", 1, Now));

        var provided = Assert.IsType<HumanInputProvided>(answer.Events[1]);
        Assert.Equal(("Which database?", "PostgreSQL"), (provided.Question, provided.Answer));
    }

    [Fact]
    public void A_question_in_an_unknown_conversation_is_not_found()
    {
        var unknown = Guid.NewGuid();

        var decision = RequestInputDecision.Decide(null, new RequestInput(unknown, "Which database?", null, Now));

        Assert.Equal(Refusal.NotFound, decision.Problem?.Kind);
        Assert.Contains(unknown.ToString(), decision.Problem!.Detail, StringComparison.Ordinal);
        Assert.Empty(decision.Events);
    }
}
