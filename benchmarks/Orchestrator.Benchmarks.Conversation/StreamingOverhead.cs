using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Contracts.Planning;

namespace Orchestrator.Benchmarks.Conversation;

/// <summary>
/// Time to first token and to last token of a streamed reply, through gateway + Conversation and straight
/// from the simulator, at 1 and 32 concurrent streams. The ratio is what the gateway and Conversation add
/// (storing the message, building the context, relaying the stream, storing the reply).
/// </summary>
public static class StreamingOverhead
{
    /// <summary>Streams per run: enough for a p99 at one stream, eight per worker at 32.</summary>
    private static int StreamsPerWorker(int concurrency) => concurrency == 1 ? 60 : 8;

    public static async Task RunAsync(BenchmarkSystem system, CancellationToken ct)
    {
        Console.WriteLine();
        Console.WriteLine("Streaming latency (ms)                      TTFT p50   TTFT p99   TTLT p50   TTLT p99");
        foreach (var concurrency in new[] { 1, 32 })
        {
            var conversations = new List<Guid>();
            for (var i = 0; i < concurrency; i++)
            {
                conversations.Add((await system.OpenTaskAsync($"Bench {i}", "Answer briefly.", Guid.NewGuid(), TaskExecutionMode.Interactive, ct)).ConversationId);
            }

            // Warm both paths (JIT, connection pools, Marten's compiled queries).
            await ThroughConversationAsync(system, conversations[0], ct);
            await DirectAsync(system, ct);

            var direct = await MeasureAsync(concurrency, _ => DirectAsync(system, ct));
            var through = await MeasureAsync(concurrency, worker => ThroughConversationAsync(system, conversations[worker], ct));
            Print($"simulator directly, {concurrency,2} concurrent", direct);
            Print($"gateway + Conversation, {concurrency,2} concurrent", through);
            Console.WriteLine($"  overhead ratio (through / direct)          {Ratio(through, direct, s => s.FirstToken, 0.5),8:0.00}x  {Ratio(through, direct, s => s.FirstToken, 0.99),8:0.00}x  {Ratio(through, direct, s => s.LastToken, 0.5),8:0.00}x  {Ratio(through, direct, s => s.LastToken, 0.99),8:0.00}x");
        }
    }

    private static async Task<List<Sample>> MeasureAsync(int concurrency, Func<int, Task<Sample>> stream)
    {
        var samples = new List<Sample>();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = new List<Sample>();
            for (var i = 0; i < StreamsPerWorker(concurrency); i++)
            {
                mine.Add(await stream(worker));
            }

            return mine;
        });
        foreach (var result in await Task.WhenAll(workers))
        {
            samples.AddRange(result);
        }

        return samples;
    }

    private static async Task<Sample> DirectAsync(BenchmarkSystem system, CancellationToken ct)
    {
        var body = new
        {
            model = "orchestrator-simulator",
            stream = true,
            stream_options = new { include_usage = true },
            messages = new object[] { new { role = "system", content = "Answer briefly." }, new { role = "user", content = $"Benchmark question {Guid.NewGuid():N}" } },
        };
        var started = Stopwatch.GetTimestamp();
        using var response = await system.Simulator.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) }, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        return await ReadAsync(response, started, json =>
            json.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
            && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 }, ct);
    }

    private static async Task<Sample> ThroughConversationAsync(BenchmarkSystem system, Guid conversationId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await system.Gateway.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversationId}/messages")
            {
                Content = JsonContent.Create(new { content = $"Benchmark question {Guid.NewGuid():N}" }),
            },
            HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        return await ReadAsync(response, started, json => json.GetProperty("type").GetString() == "text-delta", ct);
    }

    /// <summary>Reads SSE until <c>[DONE]</c>; the first token is the first event <paramref name="isToken"/> accepts.</summary>
    private static async Task<Sample> ReadAsync(HttpResponseMessage response, long started, Func<JsonElement, bool> isToken, CancellationToken ct)
    {
        TimeSpan? first = null;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            var payload = line[6..];
            if (payload == "[DONE]")
            {
                var last = Stopwatch.GetElapsedTime(started);
                return new Sample(first ?? last, last);
            }

            if (first is null && isToken(JsonDocument.Parse(payload).RootElement))
            {
                first = Stopwatch.GetElapsedTime(started);
            }
        }

        throw new InvalidOperationException("The stream ended without [DONE].");
    }

    private static void Print(string label, List<Sample> samples) =>
        Console.WriteLine($"  {label,-40} {P(samples, s => s.FirstToken, 0.5),8:0.0}   {P(samples, s => s.FirstToken, 0.99),8:0.0}   {P(samples, s => s.LastToken, 0.5),8:0.0}   {P(samples, s => s.LastToken, 0.99),8:0.0}   (n={samples.Count})");

    private static double Ratio(List<Sample> through, List<Sample> direct, Func<Sample, TimeSpan> pick, double p) => P(through, pick, p) / P(direct, pick, p);

    /// <summary>The nearest-rank percentile in milliseconds.</summary>
    public static double P(IEnumerable<Sample> samples, Func<Sample, TimeSpan> pick, double p)
    {
        var sorted = samples.Select(s => pick(s).TotalMilliseconds).Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public sealed record Sample(TimeSpan FirstToken, TimeSpan LastToken);
}
