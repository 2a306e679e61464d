using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.SystemTests;

/// <summary>The public HTTP API as a client sees it through the gateway.</summary>
internal sealed class GatewayApi(HttpClient gateway)
{
    public HttpClient Client => gateway;

    public async Task<JsonObject> CreatePlanAsync(string request, string? title = null) =>
        (await SendAsync(HttpMethod.Post, "/api/plans", new { request, title })).AsObject();

    public async Task<Guid> AddTaskAsync(Guid planId, Guid parentId, string title, string objective, IReadOnlyList<Guid> dependsOn) =>
        Id(await SendAsync(HttpMethod.Post, $"/api/plans/{planId}/tasks", new { parentId, title, objective, mode = "autonomous", dependsOn }));

    public Task ApproveAsync(Guid planId) => SendAsync(HttpMethod.Post, $"/api/plans/{planId}/approve", new { });

    public async Task<JsonObject> PlanAsync(Guid planId) => (await SendAsync(HttpMethod.Get, $"/api/plans/{planId}")).AsObject();

    public async Task<IReadOnlyList<JsonNode>> HistoryAsync(Guid planId) =>
        [.. (await SendAsync(HttpMethod.Get, $"/api/plans/{planId}/history")).AsArray().Select(e => e!)];

    public async Task<IReadOnlyList<JsonNode>> ExecutionsAsync(Guid planId) =>
        [.. (await SendAsync(HttpMethod.Get, $"/api/executions?planId={planId}")).AsArray().Select(e => e!)];

    /// <summary>
    /// Polls the plan until it reaches a final status, riding out answers that fail while services restart
    /// (a 502/503 from the gateway, a dropped connection). Calls <paramref name="progress"/> with each view.
    /// </summary>
    public async Task<JsonObject> WaitUntilFinishedAsync(Guid planId, TimeSpan timeout, Func<JsonObject, Task>? progress = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await gateway.GetAsync(new Uri($"/api/plans/{planId}", UriKind.Relative));
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.IsSuccessStatusCode)
                {
                    var plan = JsonNode.Parse(last[4..])!.AsObject();
                    if (progress is not null)
                    {
                        await progress(plan);
                    }

                    if (plan["status"]!.GetValue<string>() is "completed" or "failed" or "cancelled")
                    {
                        return plan;
                    }
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Plan {planId} did not finish within {timeout.TotalSeconds:0} s; last answer: {Shorten(last)}");
    }

    /// <summary>Polls a GET until it answers 2xx with a body <paramref name="accept"/> takes.</summary>
    public async Task<string> EventuallyAsync(string path, Func<string, bool> accept, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await gateway.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                last = $"{(int)response.StatusCode} {body}";
                if (response.IsSuccessStatusCode && accept(body))
                {
                    return body;
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"GET {path} through the gateway did not answer as expected within {timeout.TotalSeconds:0} s; last answer: {Shorten(last)}");
    }

    /// <summary>Sends a request and asserts a 2xx answer; retries while the gateway says the service is unavailable (a restart).</summary>
    public async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            using var response = await gateway.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode is 502 or 503 or 504 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                continue;
            }

            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {Shorten(text)}");
            return JsonNode.Parse(text)!;
        }
    }

    public static Guid Id(JsonNode node) => node["id"]!.GetValue<Guid>();

    public static IReadOnlyList<JsonNode> Tasks(JsonObject plan) => [.. plan["tasks"]!.AsArray().Select(t => t!)];

    /// <summary>The events of the history of one type about one task.</summary>
    public static int Count(IReadOnlyList<JsonNode> history, string type, Guid taskId) =>
        history.Count(e => e["type"]!.GetValue<string>() == type && e["data"]?["taskId"]?.GetValue<Guid>() == taskId);

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
