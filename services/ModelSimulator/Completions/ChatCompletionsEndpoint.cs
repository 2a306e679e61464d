using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using Orchestrator.ModelSimulator.Replies;

namespace Orchestrator.ModelSimulator.Completions;

/// <summary>OpenAI-compatible <c>POST /v1/chat/completions</c>, streaming and not, with usage counted by the o200k tokenizer.</summary>
public static partial class ChatCompletionsEndpoint
{
    public const string ModelName = "orchestrator-simulator";

    private static readonly TimeSpan TruncationGrace = TimeSpan.FromMilliseconds(250);

    private static readonly Tokenizer Tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");

    public static IEndpointRouteBuilder MapChatCompletions(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/chat/completions", HandleAsync).WithName("ChatCompletions");
        return v1;
    }

    private static async Task HandleAsync(HttpContext http, FaultInjector faults, RequestLog log, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        var (request, error) = ChatRequest.Parse(body);
        if (request is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "invalid_request_error", error!);
            return;
        }

        log.Add(request);
        var plan = faults.Plan(http.Request.Headers, request);
        var reply = ReplyComposer.Compose(request);
        if (plan.Fault == Fault.Malformed)
        {
            reply = reply with { Content = Malformed(reply.Content) };
        }

        if (plan.LatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(plan.LatencyMs), clock, ct);
        }

        if (plan.Fault is Fault.Error or Fault.Unavailable)
        {
            var status = plan.Fault == Fault.Error ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            await WriteErrorAsync(http, status, "server_error", "Simulated provider failure (orchestrator-simulator).");
            return;
        }

        var usage = Usage(request, reply);
        var id = $"chatcmpl-sim-{Seed.Of(request.Messages.Select(m => m.Content).ToArray()):x16}";
        var created = clock.GetUtcNow().ToUnixTimeSeconds();
        if (request.Stream)
        {
            await StreamAsync(http, request, reply, usage, plan, id, created, clock, ct);
        }
        else
        {
            await CompleteAsync(http, reply, usage, plan, id, created, clock, ct);
        }
    }

    private static async Task CompleteAsync(
        HttpContext http, SimulatedReply reply, JsonObject usage, CallPlan plan, string id, long created, TimeProvider clock, CancellationToken ct)
    {
        if (plan.TokenLatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(plan.TokenLatencyMs * Chunks(reply.Content).Count), clock, ct);
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.ToolCalls.Count > 0 && reply.Content.Length == 0 ? null : reply.Content };
        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. reply.ToolCalls.Select((c, i) => ToolCall(c, i, withIndex: false))]);
        }

        var json = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = ModelName,
            ["system_fingerprint"] = ModelName,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = reply.FinishReason, ["logprobs"] = null }),
            ["usage"] = usage,
        }.ToJsonString();

        http.Response.ContentType = "application/json";
        if (plan.Fault == Fault.Truncate)
        {
            await http.Response.WriteAsync(json[..(json.Length / 2)], ct);
            await http.Response.Body.FlushAsync(ct);
            await Task.Delay(TruncationGrace, clock, ct);
            http.Abort();
            return;
        }

        await http.Response.WriteAsync(json, ct);
    }

    private static async Task StreamAsync(
        HttpContext http, ChatRequest request, SimulatedReply reply, JsonObject usage, CallPlan plan, string id, long created, TimeProvider clock, CancellationToken ct)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        JsonObject Chunk(JsonObject delta, string? finish = null) => new()
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = ModelName,
            ["system_fingerprint"] = ModelName,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish, ["logprobs"] = null }),
        };

        var chunks = Chunks(reply.Content);
        var events = new List<JsonObject> { Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }) };
        events.AddRange(chunks.Select(c => Chunk(new JsonObject { ["content"] = c })));
        events.AddRange(reply.ToolCalls.Select((c, i) => Chunk(new JsonObject { ["tool_calls"] = new JsonArray(ToolCall(c, i, withIndex: true)) })));
        events.Add(Chunk([], reply.FinishReason));
        if (request.IncludeUsage)
        {
            events.Add(new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = ModelName,
                ["choices"] = new JsonArray(),
                ["usage"] = usage,
            });
        }

        var cutAt = plan.Fault == Fault.Truncate ? Math.Max(2, events.Count / 2) : int.MaxValue;
        for (var i = 0; i < events.Count; i++)
        {
            if (i == cutAt)
            {
                // Drop the connection mid-reply, as a failing provider or network does. The pause lets the client
                // read what was sent first: a reset discards data the receiver has not read yet.
                await Task.Delay(TruncationGrace, clock, ct);
                http.Abort();
                return;
            }

            if (i > 0 && i <= chunks.Count && plan.TokenLatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(plan.TokenLatencyMs), clock, ct);
            }

            await http.Response.WriteAsync($"data: {events[i].ToJsonString()}\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
        }

        await http.Response.WriteAsync("data: [DONE]\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }

    private static JsonObject ToolCall(SimulatedToolCall call, int index, bool withIndex)
    {
        var json = new JsonObject
        {
            ["id"] = call.Id,
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
        };
        if (withIndex)
        {
            json["index"] = index;
        }

        return json;
    }

    /// <summary>Prompt tokens framed like OpenAI's chat format (about 3 per message and 3 to prime the reply); completion tokens of the text and tool calls.</summary>
    private static JsonObject Usage(ChatRequest request, SimulatedReply reply)
    {
        var prompt = request.Messages.Sum(m => 3 + Count(m.Content) + 1) + 3;
        var completion = Count(reply.Content) + reply.ToolCalls.Sum(c => Count(c.Name) + Count(c.Arguments));
        return new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
    }

    private static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.CountTokens(text);

    /// <summary>The reply cut into word-sized chunks, each carrying its leading whitespace.</summary>
    private static List<string> Chunks(string text) => ChunkPattern().Matches(text).Select(m => m.Value).ToList();

    private static string Malformed(string content) => content.Length < 4 ? "{\"action\":" : content[..(content.Length / 2)];

    private static Task WriteErrorAsync(HttpContext http, int status, string type, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var json = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = null } };
        return http.Response.WriteAsync(json.ToJsonString(), http.RequestAborted);
    }

    [GeneratedRegex(@"\s*\S+|\s+$")]
    private static partial Regex ChunkPattern();
}
