using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;

namespace Orchestrator.Conversation.IntegrationTests;

/// <summary>
/// Context isolation, checked on what the model actually received: a task's turns carry its own brief,
/// its declared inputs and its own messages, never a sibling's transcript; a parent sees its children's
/// results, not their conversations.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class IsolationTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private ConversationServer _server = null!;

    public async Task InitializeAsync() => _server = await ConversationServer.StartAsync(fixture.Infrastructure);

    [Fact]
    public async Task Sibling_turns_never_contain_each_others_transcripts_and_the_parent_sees_only_results()
    {
        var planId = Guid.NewGuid();
        var parent = await _server.OpenTaskAsync("Build the shop", "Build the shop from its parts.", planId: planId);
        var alpha = await _server.OpenTaskAsync("Cart", "Design the cart (brief marker ALPHA-BRIEF-7731).", planId: planId, parentId: parent.TaskId);
        var beta = await _server.OpenTaskAsync("Coupons", "Design the coupons (brief marker BETA-BRIEF-4410).", planId: planId, parentId: parent.TaskId);

        await _server.PostAsync(alpha.ConversationId, new { content = "Cart question ALPHA-SECRET-1" });
        await _server.PostAsync(beta.ConversationId, new { content = "Coupon question BETA-SECRET-1" });
        await _server.PostAsync(alpha.ConversationId, new { content = "Cart follow-up ALPHA-SECRET-2" });
        await _server.PostAsync(beta.ConversationId, new { content = "Coupon follow-up BETA-SECRET-2" });

        await _server.Bus.Publish(new TaskReadyIntegrationEvent(
            planId, parent.TaskId, parent.ConversationId, parent.Title, parent.Brief, TaskExecutionMode.Interactive, ["The shop"],
            [
                new TaskInput(alpha.TaskId, "Cart", "Cart result ALPHA-RESULT", TaskInputSource.Child),
                new TaskInput(beta.TaskId, "Coupons", "Coupons result BETA-RESULT", TaskInputSource.Child),
            ],
            1, DateTimeOffset.UtcNow));
        await Eventually.GetAsync(
            async () => (await _server.GetAsync(parent.ConversationId)).GetProperty("inputs").GetArrayLength() == 2 ? "" : null,
            TimeSpan.FromSeconds(30), "the parent's inputs to be declared");
        await _server.PostAsync(parent.ConversationId, new { content = "Combine the parts PARENT-ASK" });

        var requests = await _server.ModelRequestsAsync();
        var alphaTurns = requests.Where(r => r.Mentions("ALPHA-BRIEF-7731")).ToList();
        var betaTurns = requests.Where(r => r.Mentions("BETA-BRIEF-4410")).ToList();
        var parentTurns = requests.Where(r => r.Mentions("PARENT-ASK")).ToList();
        Assert.Equal(2, alphaTurns.Count);
        Assert.Equal(2, betaTurns.Count);
        Assert.Single(parentTurns);

        foreach (var turn in alphaTurns)
        {
            Assert.DoesNotContain("BETA", turn.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("Coupon", turn.AllText, StringComparison.Ordinal);
        }

        foreach (var turn in betaTurns)
        {
            Assert.DoesNotContain("ALPHA", turn.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("Cart question", turn.AllText, StringComparison.Ordinal);
        }

        // Each sibling's second turn holds its own first exchange: the isolation is not an empty context.
        Assert.True(alphaTurns[1].Mentions("ALPHA-SECRET-1") && alphaTurns[1].Mentions("ALPHA-SECRET-2"));
        Assert.Contains(alphaTurns[1].Messages, m => m.Role == "assistant");

        var parentTurn = parentTurns[0];
        Assert.True(parentTurn.Mentions("ALPHA-RESULT") && parentTurn.Mentions("BETA-RESULT"));
        Assert.DoesNotContain("SECRET", parentTurn.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("BRIEF-", parentTurn.AllText, StringComparison.Ordinal);
        Assert.Equal("system", parentTurn.Messages[0].Role);
        Assert.Equal(["user"], parentTurn.Messages.Skip(1).Select(m => m.Role));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
