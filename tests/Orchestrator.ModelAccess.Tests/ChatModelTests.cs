using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orchestrator.ModelAccess.Tests;

/// <summary>The Semantic Kernel chat model against the simulator over real HTTP.</summary>
public sealed class ChatModelTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    private ModelHost? _host;

    private IChatModel Model => _host!.Model;

    public async Task InitializeAsync()
    {
        await simulator.Client.DeleteAsync("/v1/_faults");
        _host = await ModelHost.ForSimulatorAsync(simulator.BaseAddress);
    }

    [Fact]
    public async Task A_completion_quotes_the_question_and_reports_the_providers_usage()
    {
        var reply = await Model.CompleteAsync(Request("What is the capital of France?"), CancellationToken.None);

        Assert.Contains("What is the capital of France?", reply.Content, StringComparison.Ordinal);
        Assert.Equal("orchestrator-simulator", reply.Usage.Model);
        Assert.False(reply.Usage.Counted);
        Assert.True(reply.Usage.PromptTokens > 5);
        Assert.True(reply.Usage.CompletionTokens > 5);
        Assert.Null(reply.InputRequest);
    }

    [Fact]
    public async Task A_stream_yields_the_reply_in_pieces_then_its_usage()
    {
        var updates = new List<ModelStreamUpdate>();
        await foreach (var update in Model.StreamAsync(Request("Explain streaming in one line"), CancellationToken.None))
        {
            updates.Add(update);
        }

        var deltas = updates.OfType<TextDelta>().ToList();
        Assert.True(deltas.Count > 5);
        Assert.Contains("Explain streaming in one line", string.Concat(deltas.Select(d => d.Text)), StringComparison.Ordinal);
        var completed = Assert.IsType<Completed>(updates[^1]);
        Assert.False(completed.Usage.Counted);
        Assert.True(completed.Usage.CompletionTokens > 5);
    }

    [Fact]
    public async Task The_decomposition_schema_gets_a_plan_with_mixed_modes_and_real_dependencies()
    {
        var request = Request("Request: Add a shopping cart with coupons, taxes and a checkout page to my online bookshop") with
        {
            Purpose = ModelPurposes.Decompose,
            ResponseSchema = new ResponseSchema("plan_decomposition", """{"type":"object"}"""),
        };

        var reply = await Model.CompleteAsync(request, CancellationToken.None);

        using var plan = JsonDocument.Parse(reply.Content);
        Assert.Equal("split", plan.RootElement.GetProperty("action").GetString());
        var subtasks = plan.RootElement.GetProperty("subtasks").EnumerateArray().ToList();
        Assert.InRange(subtasks.Count, 3, 6);
        var keys = subtasks.Select(s => s.GetProperty("key").GetString()).ToHashSet();
        Assert.All(subtasks.SelectMany(s => s.GetProperty("dependsOn").EnumerateArray()), d => Assert.Contains(d.GetString(), keys));
        var modes = subtasks.Select(s => s.GetProperty("mode").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "autonomous", "interactive", "hybrid" }, modes);
        Assert.Equal(3, modes.Count);
    }

    [Fact]
    public async Task A_tiny_request_is_executed_rather_than_split()
    {
        var request = Request("Request: Fix typo") with { ResponseSchema = new ResponseSchema("plan_decomposition", "{}") };

        var reply = await Model.CompleteAsync(request, CancellationToken.None);

        using var plan = JsonDocument.Parse(reply.Content);
        Assert.Equal("execute", plan.RootElement.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_hybrid_first_turn_asks_for_input_through_the_tool_not_in_prose()
    {
        var request = Request("Design the retry policy") with { AllowInputRequest = true };

        var reply = await Model.CompleteAsync(request, CancellationToken.None);
        var streamed = new List<ModelStreamUpdate>();
        await foreach (var update in Model.StreamAsync(request, CancellationToken.None))
        {
            streamed.Add(update);
        }

        Assert.NotNull(reply.InputRequest);
        Assert.Contains("Design the retry policy", reply.InputRequest.Question, StringComparison.Ordinal);
        Assert.Contains(streamed, u => u is InputRequested);
    }

    [Fact]
    public async Task Once_the_model_has_answered_it_no_longer_asks_and_may_propose_completion()
    {
        var request = new ModelRequest(
        [
            new ModelMessage(ModelRole.User, "Design the retry policy"),
            new ModelMessage(ModelRole.Assistant, "Which backoff do you prefer?"),
            new ModelMessage(ModelRole.User, "Exponential"),
        ])
        { AllowInputRequest = true, AllowCompletionProposal = true };

        var reply = await Model.CompleteAsync(request, CancellationToken.None);

        Assert.Null(reply.InputRequest);
        Assert.True(reply.CompletionProposed);
    }

    [Fact]
    public async Task A_provider_error_is_a_transient_model_call_exception_with_a_safe_message()
    {
        await simulator.ScriptAsync("unavailable");

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => Model.CompleteAsync(Request("hello there"), CancellationToken.None));

        Assert.Equal(503, failure.StatusCode);
        Assert.True(failure.Transient);
        Assert.Equal("The model provider answered 503 (ServiceUnavailable).", failure.Message);
    }

    [Fact]
    public async Task A_stream_cut_off_mid_reply_fails_after_the_text_that_arrived()
    {
        await simulator.ScriptAsync("truncate");
        var received = new List<ModelStreamUpdate>();

        var failure = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in Model.StreamAsync(Request("Tell me about the weather in spring"), CancellationToken.None))
            {
                received.Add(update);
            }
        });

        Assert.True(failure.Transient);
        Assert.NotEmpty(received.OfType<TextDelta>());
        Assert.DoesNotContain(received, u => u is Completed);
    }

    [Fact]
    public async Task Every_call_is_measured_with_its_purpose_and_prompt_version()
    {
        var measured = new ConcurrentBag<(long Tokens, string? Version, string? Type)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ModelTelemetry.SourceName && instrument.Name == "gen_ai.client.token.usage")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? version = null, type = null;
            foreach (var tag in tags)
            {
                version = tag.Key == "orchestrator.prompt.version" ? tag.Value as string : version;
                type = tag.Key == "gen_ai.token.type" ? tag.Value as string : type;
            }

            measured.Add((value, version, type));
        });
        listener.Start();

        var reply = await Model.CompleteAsync(Request("Count my tokens") with { PromptName = "chat", PromptVersionId = "v-measured-1" }, CancellationToken.None);

        Assert.Contains(measured, m => m.Version == "v-measured-1" && m.Type == "input" && m.Tokens == reply.Usage.PromptTokens);
        Assert.Contains(measured, m => m.Version == "v-measured-1" && m.Type == "output" && m.Tokens == reply.Usage.CompletionTokens);
    }

    [Fact]
    public async Task The_simulator_saw_exactly_the_messages_it_was_sent()
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        await Model.CompleteAsync(new ModelRequest([new ModelMessage(ModelRole.System, "You are terse."), new ModelMessage(ModelRole.User, marker)]), CancellationToken.None);

        var received = await simulator.Client.GetFromJsonAsync<JsonElement>("/v1/_requests");
        var last = received.EnumerateArray().Last(r => r.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("content").GetString() == marker));
        var roles = last.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Equal(["system", "user"], roles);
    }

    private static ModelRequest Request(string question) =>
        new([new ModelMessage(ModelRole.System, "You are a helpful assistant."), new ModelMessage(ModelRole.User, question)]);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
