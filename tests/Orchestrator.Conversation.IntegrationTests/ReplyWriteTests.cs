extern alias conversation;

using conversation::Orchestrator.Conversation.Conversations;
using Orchestrator.Eventing;
using Orchestrator.Testing;

namespace Orchestrator.Conversation.IntegrationTests;

/// <summary>
/// A reply is written after its request may have ended, in a session of its own: another writer moving the conversation in between
/// (an input declared, a thumbs up) makes it decide again on the newer state instead of losing the reply.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ReplyWriteTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private ConversationServer _server = null!;

    public async Task InitializeAsync() => _server = await ConversationServer.StartAsync(fixture.Infrastructure);

    [Fact]
    public async Task A_reply_is_decided_again_on_the_newer_state_when_another_writer_moved_the_stream_meanwhile()
    {
        var task = await _server.OpenTaskAsync("Race", "Be answered despite a concurrent writer.");
        var seen = new List<int>();

        var written = await ConversationStream.WriteAsync(_server.Store, task.ConversationId, current =>
        {
            seen.Add(current!.Messages.Count);
            if (seen.Count == 1)
            {
                PostMeanwhile(task.ConversationId, "meanwhile");
            }

            return Decision.Accept(Reply(task.ConversationId, "the reply"));
        });

        Assert.Null(written.Problem);
        Assert.Equal([0, 1], seen);
        var messages = (await _server.GetAsync(task.ConversationId)).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString());
        Assert.Equal(["meanwhile", "the reply"], messages);
    }

    [Fact]
    public async Task A_stream_that_keeps_moving_ends_in_a_conflict_after_the_last_attempt_with_nothing_written_by_it()
    {
        var task = await _server.OpenTaskAsync("Busy", "Be moved by another writer on every attempt.");
        var attempts = 0;

        var written = await ConversationStream.WriteAsync(_server.Store, task.ConversationId, _ =>
        {
            PostMeanwhile(task.ConversationId, $"meanwhile {++attempts}");
            return Decision.Accept(Reply(task.ConversationId, "the reply"));
        });

        Assert.Equal(Refusal.Conflict, written.Problem?.Kind);
        Assert.Equal(ConversationStream.Attempts, attempts);
        var messages = (await _server.GetAsync(task.ConversationId)).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString());
        Assert.Equal(["meanwhile 1", "meanwhile 2", "meanwhile 3"], messages);
    }

    /// <summary>Another writer's commit, made inside the decision (which runs synchronously) so that it lands between the read and the save.</summary>
    private void PostMeanwhile(Guid conversationId, string content)
    {
        using var other = _server.Store.LightweightSession();
        other.Events.Append(conversationId, new MessagePosted(conversationId, Guid.NewGuid(), "person", content, 1, DateTimeOffset.UtcNow));
        other.SaveChangesAsync().GetAwaiter().GetResult();
    }

    private static ReplyGenerated Reply(Guid conversationId, string content) =>
        new(conversationId, Guid.NewGuid(), content, MessageStatus.Complete, "m", 1, 1, 1, null, null, null, DateTimeOffset.UtcNow);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
