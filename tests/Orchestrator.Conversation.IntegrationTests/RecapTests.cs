using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Conversation.IntegrationTests;

/// <summary>A conversation that nears the model's context window recaps its older turns instead of cutting them off.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RecapTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private const int ContextWindow = 1024;

    private ConversationServer _server = null!;

    public async Task InitializeAsync() => _server = await ConversationServer.StartAsync(
        fixture.Infrastructure, new Dictionary<string, string?> { ["Orchestrator:Model:ContextWindow"] = ContextWindow.ToString() });

    [Fact]
    public async Task Older_turns_are_summarised_into_one_recap_and_the_context_stays_within_the_window()
    {
        var task = await _server.OpenTaskAsync("Long talk", "Discuss the design of a cache at length.");
        var padding = string.Join(' ', Enumerable.Repeat("The cache must stay consistent under concurrent writers.", 12));

        for (var turn = 1; turn <= 5; turn++)
        {
            var (_, reply) = await _server.PostAsync(task.ConversationId, new { content = $"MARKER-{turn} {padding}" });
            Assert.Null(reply.Error);
        }

        var conversation = await _server.GetAsync(task.ConversationId);
        Assert.NotEqual(JsonValueKind.Null, conversation.GetProperty("recap").ValueKind);
        Assert.Equal(10, conversation.GetProperty("messages").GetArrayLength());

        var requests = await _server.ModelRequestsAsync();
        var recaps = requests.Where(r => r.Messages[0].Content.Contains("consolidated recap", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(recaps);
        Assert.True(recaps[0].Mentions("MARKER-1"), "the first turn was summarised, not dropped");

        var last = requests.Last(r => r.Mentions("MARKER-5"));
        Assert.DoesNotContain(last.Messages, m => m.Role != "system" && m.Content.Contains("MARKER-1 ", StringComparison.Ordinal));
        Assert.Contains(last.Messages, m => m.Role == "system" && m.Content.StartsWith("Recap of the earlier conversation", StringComparison.Ordinal));
        Assert.True(last.Mentions("MARKER-4") && last.Mentions("MARKER-5"), "recent turns are kept verbatim");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
