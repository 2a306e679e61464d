using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Benchmarks.Executor.Baseline;

/// <summary>
/// Calls the model simulator's OpenAI-compatible chat completions over HTTP, at most
/// <c>concurrency</c> calls at a time — the same limit the Executor applies to running tasks.
/// </summary>
internal sealed class SimulatorClient(Uri simulator, int concurrency) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(60) };
    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public async Task<string> CompleteAsync(string system, string user, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            Interlocked.Increment(ref _calls);
            using var response = await _http.PostAsJsonAsync(new Uri("v1/chat/completions", UriKind.Relative), new
            {
                model = "orchestrator-simulator",
                messages = new object[] { new { role = "system", content = system }, new { role = "user", content = user } },
            }, ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
            return body?["choices"]?[0]?["message"]?["content"]?.GetValue<string>() ?? "";
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
    }
}
