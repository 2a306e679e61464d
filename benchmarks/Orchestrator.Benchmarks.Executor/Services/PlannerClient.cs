using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Benchmarks.Executor.Dags;

namespace Orchestrator.Benchmarks.Executor.Services;

/// <summary>A plan built from a <see cref="TaskDag"/> through the Planner's public API.</summary>
internal sealed record BuiltPlan(Guid PlanId, Guid RootId, IReadOnlyList<Guid> TaskIds);

/// <summary>The Planner's HTTP API, as the web app uses it.</summary>
internal sealed class PlannerClient(Uri planner) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = planner, Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>Creates a plan whose root holds every task of the DAG as a direct child (a flat tree: one aggregation, at the root), all autonomous.</summary>
    public async Task<BuiltPlan> CreateAsync(TaskDag dag, string title, IProgress<int>? progress, CancellationToken ct)
    {
        var plan = await SendAsync(HttpMethod.Post, "api/plans", new { request = $"{title}: {dag.Count} tasks shaped as a DAG.", title }, ct);
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var ids = new List<Guid>(dag.Count);
        for (var i = 0; i < dag.Count; i++)
        {
            var task = await SendAsync(HttpMethod.Post, $"api/plans/{planId}/tasks", new
            {
                parentId = rootId,
                title = $"Task {i + 1}",
                objective = $"Produce part {i + 1} of the plan from the inputs of the tasks it depends on.",
                mode = "autonomous",
                dependsOn = dag.DependsOn[i].Select(d => ids[d]).ToArray(),
            }, ct);
            ids.Add(task["id"]!.GetValue<Guid>());
            progress?.Report(i + 1);
        }

        return new BuiltPlan(planId, rootId, ids);
    }

    public Task<JsonNode> ApproveAsync(Guid planId, CancellationToken ct) => SendAsync(HttpMethod.Post, $"api/plans/{planId}/approve", new { }, ct);

    public Task<JsonNode> GetAsync(Guid planId, CancellationToken ct) => SendAsync(HttpMethod.Get, $"api/plans/{planId}", null, ct);

    public async Task<JsonArray> HistoryAsync(Guid planId, CancellationToken ct) => (await SendAsync(HttpMethod.Get, $"api/plans/{planId}/history", null, ct)).AsArray();

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }
}
