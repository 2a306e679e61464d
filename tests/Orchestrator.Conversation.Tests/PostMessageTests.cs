using System.Text.Json;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.PostingMessage;
using static Orchestrator.Conversation.Tests.ConversationGiven;

namespace Orchestrator.Conversation.Tests;

public sealed class PostMessageTests
{
    private static PostMessage Command(Guid id, string content) => new(id, Guid.NewGuid(), content, "person", 3, Now);

    [Fact]
    public void A_message_to_an_idle_conversation_is_posted_trimmed()
    {
        var briefed = Briefed();

        var decision = PostMessageDecision.Decide(State(briefed), Command(briefed.ConversationId, "  hello  "));

        var posted = Assert.IsType<MessagePosted>(Assert.Single(decision.Events));
        Assert.Equal("hello", posted.Content);
        Assert.Null(decision.Problem);
    }

    [Fact]
    public void A_message_while_input_is_awaited_answers_the_pending_question()
    {
        var briefed = Briefed(mode: Contracts.Planning.TaskExecutionMode.Hybrid);
        var waiting = State(briefed, Asked(briefed, "Which database?"));

        var decision = PostMessageDecision.Decide(waiting, Command(briefed.ConversationId, "PostgreSQL"));

        Assert.IsType<MessagePosted>(decision.Events[0]);
        var answered = Assert.IsType<HumanInputProvided>(decision.Events[1]);
        Assert.Equal(("Which database?", "PostgreSQL", briefed.TaskId), (answered.Question, answered.Answer, answered.TaskId));
        var after = ConversationEvolution.Apply(waiting, decision.Events)!;
        Assert.Equal(ConversationStatus.Idle, after.Status);
        Assert.Null(after.PendingQuestion);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" \n\t ", "empty")]
    public void An_empty_message_is_refused(string content, string reason)
    {
        var briefed = Briefed();

        var decision = PostMessageDecision.Decide(State(briefed), Command(briefed.ConversationId, content));

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains(reason, decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_over_the_limit_is_refused_and_the_limit_is_named()
    {
        var briefed = Briefed();

        var decision = PostMessageDecision.Decide(State(briefed), Command(briefed.ConversationId, new string('x', PostMessageDecision.MaxContentLength + 1)));

        Assert.Empty(decision.Events);
        Assert.Contains("limit is 32000", decision.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_to_an_unknown_conversation_is_not_found()
    {
        var decision = PostMessageDecision.Decide(null, Command(Guid.NewGuid(), "hello"));

        Assert.Equal(Refusal.NotFound, decision.Problem!.Kind);
    }

    [Fact]
    public void A_message_while_a_reply_is_being_generated_is_refused_as_a_conflict_and_nothing_is_stored()
    {
        var briefed = Briefed();

        var decision = PostMessageDecision.Decide(State(briefed), Command(briefed.ConversationId, "hello") with { ReplyRunning = true });

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.Conflict, decision.Problem!.Kind);
        Assert.Contains("POST …/stop", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_while_a_reply_is_being_generated_is_refused_too()
    {
        var briefed = Briefed(mode: Contracts.Planning.TaskExecutionMode.Hybrid);
        var waiting = State(briefed, Asked(briefed, "Which database?"));

        var decision = PostMessageDecision.Decide(waiting, Command(briefed.ConversationId, "PostgreSQL") with { ReplyRunning = true });

        Assert.Empty(decision.Events);
        Assert.Equal(Refusal.Conflict, decision.Problem!.Kind);
    }

    [Fact]
    public void A_bad_message_or_an_unknown_conversation_is_refused_as_such_even_while_a_reply_runs()
    {
        var briefed = Briefed();

        Assert.Equal(Refusal.Invalid, PostMessageDecision.Decide(State(briefed), Command(briefed.ConversationId, " ") with { ReplyRunning = true }).Problem!.Kind);
        Assert.Equal(Refusal.NotFound, PostMessageDecision.Decide(null, Command(briefed.ConversationId, "hello") with { ReplyRunning = true }).Problem!.Kind);
    }

    [Theory]
    [InlineData("""{"content":"plain"}""", "plain")]
    [InlineData("""{"id":"c","trigger":"submit-message","messages":[{"role":"user","parts":[{"type":"text","text":"first"}]},{"role":"assistant","parts":[{"type":"text","text":"reply"}]},{"role":"user","parts":[{"type":"text","text":"sec"},{"type":"file","url":"x"},{"type":"text","text":"ond"}]}]}""", "second")]
    public void The_message_text_is_read_from_either_body(string json, string expected)
    {
        var (content, error) = MessageBody.Read(JsonDocument.Parse(json).RootElement);

        Assert.Null(error);
        Assert.Equal(expected, content);
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"content":1}""", "must be a string")]
    [InlineData("""{"messages":[]}""", "no user message")]
    [InlineData("""{"other":true}""", "'content'")]
    public void An_unreadable_body_says_what_it_needs(string json, string expected)
    {
        var (content, error) = MessageBody.Read(JsonDocument.Parse(json).RootElement);

        Assert.Null(content);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
