using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Conversation.IntegrationTests;

/// <summary>POST …/messages streams the reply in the AI SDK's UI message stream protocol; stop, failure and bad input leave the conversation consistent.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StreamingTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private ConversationServer _server = null!;

    public async Task InitializeAsync() => _server = await ConversationServer.StartAsync(fixture.Infrastructure);

    [Fact]
    public async Task A_message_gets_a_streamed_reply_that_the_ai_sdk_can_read_and_both_are_stored()
    {
        var task = await _server.OpenTaskAsync("Pick a name", "Suggest a name for a coffee shop that sells books.");

        var (response, message) = await _server.PostAsync(task.ConversationId, new { content = "Give me three names with a literary pun" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("v1", response.Headers.GetValues("x-vercel-ai-ui-message-stream").Single());
        Assert.True(message.Done);
        Assert.True(message.Finished);
        Assert.Null(message.Error);
        Assert.Equal(["start", "start-step", "text-start"], message.Types.Take(3));
        Assert.Equal(["text-end", "data-usage", "finish-step", "finish"], message.Types.TakeLast(4));
        Assert.True(message.Types.Count(t => t == "text-delta") > 5);
        Assert.Contains("Give me three names with a literary pun", message.Text, StringComparison.Ordinal);

        var stored = await _server.GetAsync(task.ConversationId);
        var messages = stored.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal("Give me three names with a literary pun", messages[0].GetProperty("content").GetString());
        Assert.True(messages[0].GetProperty("tokens").GetInt32() > 0);
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        Assert.Equal(message.Text, messages[1].GetProperty("content").GetString());
        Assert.Equal("complete", messages[1].GetProperty("status").GetString());
        var usage = message.Data.Single(d => d.Type == "data-usage").Data;
        Assert.Equal(usage.GetProperty("completionTokens").GetInt32(), messages[1].GetProperty("tokens").GetInt32());
        Assert.Equal(task.Brief, stored.GetProperty("brief").GetString());
        Assert.Equal("idle", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_useChat_body_is_accepted_and_its_last_user_message_is_answered()
    {
        var task = await _server.OpenTaskAsync("Chat", "Answer questions about tea.");
        var body = new
        {
            id = "chat-1",
            trigger = "submit-message",
            messages = new object[]
            {
                new { id = "m1", role = "user", parts = new object[] { new { type = "text", text = "an older question" } } },
                new { id = "m2", role = "assistant", parts = new object[] { new { type = "text", text = "an older answer" } } },
                new { id = "m3", role = "user", parts = new object[] { new { type = "text", text = "Which tea suits " }, new { type = "text", text = "a cold evening?" } } },
            },
        };

        var (_, message) = await _server.PostAsync(task.ConversationId, body);

        Assert.Contains("Which tea suits a cold evening?", message.Text, StringComparison.Ordinal);
        var stored = await _server.GetAsync(task.ConversationId);
        Assert.Equal("Which tea suits a cold evening?", stored.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(2, stored.GetProperty("messages").GetArrayLength());
    }

    public static TheoryData<string, HttpStatusCode, string> BadBodies => new()
    {
        { """{"content":""}""", HttpStatusCode.BadRequest, "empty" },
        { """{"content":"   \n  "}""", HttpStatusCode.BadRequest, "empty" },
        { $$"""{"content":"{{new string('x', 32_001)}}"}""", HttpStatusCode.BadRequest, "limit is 32000" },
        { """{"text":"hello"}""", HttpStatusCode.BadRequest, "'content'" },
        { """{"content":42}""", HttpStatusCode.BadRequest, "must be a string" },
        { """{"messages":[{"role":"assistant","parts":[]}]}""", HttpStatusCode.BadRequest, "no user message" },
        { "not json", HttpStatusCode.BadRequest, "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_refused_with_a_problem_that_says_what_to_fix_and_nothing_is_stored(string body, HttpStatusCode status, string detail)
    {
        var task = await _server.OpenTaskAsync("Bad input", "Check validation.");
        var before = await _server.StreamVersionAsync(task.ConversationId);
        var requestsBefore = (await _server.ModelRequestsAsync()).Count;

        using var response = await _server.Client.PostAsync(
            $"/api/conversations/{task.ConversationId}/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await _server.StreamVersionAsync(task.ConversationId));
        Assert.Equal(requestsBefore, (await _server.ModelRequestsAsync()).Count);
    }

    [Fact]
    public async Task An_unknown_conversation_is_404_and_nothing_is_stored()
    {
        var unknown = Guid.NewGuid();

        using var response = await _server.Client.PostAsJsonAsync($"/api/conversations/{unknown}/messages", new { content = "hello" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(unknown.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _server.StreamVersionAsync(unknown));
    }

    [Fact]
    public async Task Disconnecting_mid_stream_stops_generation_and_keeps_the_partial_reply_marked_stopped()
    {
        var task = await _server.OpenTaskAsync("Slow", "Answer slowly.");
        await _server.ScriptAsync(fail: null, tokenLatencyMs: 150);
        using var cancel = new CancellationTokenSource();

        var response = await _server.SendAsync(task.ConversationId, new { content = "Tell me a long story about lighthouses" }, cancel.Token);
        var partial = await UiMessageStreamReader.ReadAsync(await response.Content.ReadAsStreamAsync(cancel.Token), m => m.Types.Count(t => t == "text-delta") >= 2);
        await cancel.CancelAsync();
        response.Dispose();

        var stored = await Eventually.GetAsync(
            async () => (await _server.GetAsync(task.ConversationId)).GetProperty("messages") is { } m && m.GetArrayLength() == 2 ? m : (JsonElement?)null,
            TimeSpan.FromSeconds(15), "the stopped reply to be stored");
        var reply = stored!.Value[1];
        Assert.Equal("stopped", reply.GetProperty("status").GetString());
        var kept = reply.GetProperty("content").GetString()!;
        Assert.StartsWith(partial.Text, kept, StringComparison.Ordinal);
        Assert.DoesNotContain("That covers what was asked", kept, StringComparison.Ordinal);
        Assert.True(kept.Length < 200, $"generation went on after the stop: {kept.Length} characters kept");
    }

    [Fact]
    public async Task Stopping_through_the_api_ends_the_stream_with_a_stopped_part_and_keeps_the_partial_reply()
    {
        var task = await _server.OpenTaskAsync("Slow", "Answer slowly.");
        await _server.ScriptAsync(fail: null, tokenLatencyMs: 150);

        using var response = await _server.SendAsync(task.ConversationId, new { content = "Describe every planet in turn" });
        var stream = await response.Content.ReadAsStreamAsync();
        var stopAsked = false;
        var message = await UiMessageStreamReader.ReadAsync(stream, m =>
        {
            if (!stopAsked && m.Types.Contains("text-delta"))
            {
                stopAsked = true;
                _server.Client.PostAsync($"/api/conversations/{task.ConversationId}/stop", null).GetAwaiter().GetResult().EnsureSuccessStatusCode();
            }

            return false;
        });

        Assert.True(message.Done);
        Assert.Contains("data-stopped", message.Types);
        var reply = (await _server.GetAsync(task.ConversationId)).GetProperty("messages")[1];
        Assert.Equal("stopped", reply.GetProperty("status").GetString());
        Assert.Equal(message.Text, reply.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_provider_failure_mid_stream_ends_with_an_error_part_and_the_conversation_stays_consistent()
    {
        var task = await _server.OpenTaskAsync("Flaky", "Answer despite a flaky provider.");
        await _server.ScriptAsync("truncate");

        var (_, failed) = await _server.PostAsync(task.ConversationId, new { content = "First question about rivers" });

        Assert.NotNull(failed.Error);
        Assert.Contains("broke off", failed.Error, StringComparison.Ordinal);
        Assert.False(failed.Finished);
        Assert.True(failed.Done);
        Assert.NotEmpty(failed.Text);
        var afterFailure = (await _server.GetAsync(task.ConversationId)).GetProperty("messages");
        Assert.Equal("First question about rivers", afterFailure[0].GetProperty("content").GetString());
        Assert.Equal("failed", afterFailure[1].GetProperty("status").GetString());
        Assert.Equal(failed.Text, afterFailure[1].GetProperty("content").GetString());

        // The next turn works, and the failed fragment is not sent to the model as something it said.
        var (_, next) = await _server.PostAsync(task.ConversationId, new { content = "Second question about lakes" });
        Assert.Null(next.Error);
        var lastRequest = (await _server.ModelRequestsAsync())[^1];
        Assert.DoesNotContain(lastRequest.Messages, m => m.Role == "assistant");
        Assert.Equal(["First question about rivers", "Second question about lakes"], lastRequest.Messages.Where(m => m.Role == "user").Select(m => m.Content));
    }

    [Fact]
    public async Task A_provider_error_before_any_text_ends_with_an_error_part()
    {
        var task = await _server.OpenTaskAsync("Down", "The provider is down.");
        await _server.ScriptAsync("error");

        var (response, message) = await _server.PostAsync(task.ConversationId, new { content = "Anyone there?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The model provider answered 500 (InternalServerError).", message.Error);
        var messages = (await _server.GetAsync(task.ConversationId)).GetProperty("messages");
        Assert.Equal("failed", messages[1].GetProperty("status").GetString());
        Assert.Equal("", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_model_endpoint_says_the_answers_come_from_the_simulator()
    {
        var info = await _server.Client.GetFromJsonAsync<JsonElement>("/api/model");

        Assert.Equal("simulator", info.GetProperty("provider").GetString());
        Assert.Equal("orchestrator-simulator", info.GetProperty("model").GetString());
        Assert.True(info.GetProperty("simulated").GetBoolean());
        Assert.DoesNotContain("apiKey", info.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("endpoint", info.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
