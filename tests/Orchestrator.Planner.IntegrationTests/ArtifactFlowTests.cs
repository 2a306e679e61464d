using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;
using static Orchestrator.Planner.IntegrationTests.JsonApi;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// What tasks produce, with every service real and the model simulated: a task's snippet becomes a code artifact, the
/// person's edit of it is recorded in the plan's history and is what the dependent task receives, and the finished
/// plan comes out as one markdown report and a zip of its artifacts.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ArtifactFlowTests(InfrastructureFixture fixture) : WholeSystemTests(fixture, "artifacts")
{
    private const string Edited = "def answer() -> str:\n    return \"edited by the person\"";

    [Fact]
    public async Task An_edited_artifact_reaches_the_dependent_task_and_the_report_and_zip_hold_the_plan()
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request = "Write a greeting module", title = "Greeting module" });
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var write = Id(await PostAsync(Planner, $"/api/plans/{planId}/tasks",
            new { parentId = rootId, title = "Write the code", objective = "Write a python snippet that returns a greeting.", mode = "autonomous" }));
        var review = Id(await PostAsync(Planner, $"/api/plans/{planId}/tasks",
            new { parentId = rootId, title = "Review the naming", objective = "Agree on the function's name.", mode = "interactive" }));
        var use = Id(await PostAsync(Planner, $"/api/plans/{planId}/tasks",
            new { parentId = rootId, title = "Use the code", objective = "Call the greeting from the app.", mode = "autonomous", dependsOn = new[] { write, review } }));
        await PostAsync(Planner, $"/api/plans/{planId}/approve", new { });

        var written = await Eventually.GetAsync(async () =>
        {
            var now = await GetAsync(Planner, $"/api/plans/{planId}");
            return TaskIn(now, write)["status"]!.GetValue<string>() == "completed" && TaskIn(now, review)["status"]!.GetValue<string>() == "active" ? now : null;
        }, TimeSpan.FromMinutes(1), "the code task to complete and the review to wait for the person");

        var artifacts = TaskIn(written, write)["artifacts"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal(["Result", "snippet.py"], artifacts.Select(a => a["name"]!.GetValue<string>()));
        Assert.Equal("python", artifacts[1]["language"]!.GetValue<string>());
        var snippetPath = $"/api/plans/{planId}/tasks/{write}/artifacts/{Id(artifacts[1])}";
        var snippet = await GetAsync(Planner, snippetPath);
        var original = snippet["content"]!.GetValue<string>();
        Assert.StartsWith("def answer() -> str:", original);
        Assert.Equal(1, snippet["version"]!.GetValue<int>());

        // Bad edits are refused with problem details and change nothing.
        await AssertProblemAsync(await Planner.PutAsJsonAsync(snippetPath, new { version = 1 }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Planner.PutAsJsonAsync(snippetPath, new { content = "x" }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Planner.PutAsJsonAsync($"/api/plans/{planId}/tasks/{write}/artifacts/{Guid.NewGuid()}", new { content = "x", version = 1 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Planner.GetAsync($"/api/plans/{planId}/tasks/{Guid.NewGuid()}/artifacts/{Id(artifacts[1])}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Planner.PutAsync(snippetPath, new StringContent("{ not json", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        using (var stalePlan = new HttpRequestMessage(HttpMethod.Put, snippetPath) { Content = JsonContent.Create(new { content = "x", version = 1 }) })
        {
            stalePlan.Headers.TryAddWithoutValidation("If-Match", $"\"{written["version"]!.GetValue<long>() - 1}\"");
            await AssertProblemAsync(await Planner.SendAsync(stalePlan), HttpStatusCode.Conflict);
        }

        using (var edit = await Planner.PutAsJsonAsync(snippetPath, new { content = Edited, version = 1 }))
        {
            Assert.True(edit.IsSuccessStatusCode, $"edit: {(int)edit.StatusCode} {await edit.Content.ReadAsStringAsync()}");
            Assert.NotNull(edit.Headers.ETag);
        }

        await AssertProblemAsync(await Planner.PutAsJsonAsync(snippetPath, new { content = "a stale edit", version = 1 }), HttpStatusCode.Conflict);
        var current = await GetAsync(Planner, snippetPath);
        Assert.Equal(Edited, current["content"]!.GetValue<string>());
        Assert.Equal(2, current["version"]!.GetValue<int>());

        using (var done = await Executor.PostAsJsonAsync($"/api/executions/{review}/complete", new { result = "Keep `answer`." }))
        {
            Assert.True(done.IsSuccessStatusCode, $"complete: {(int)done.StatusCode} {await done.Content.ReadAsStringAsync()}");
        }

        var finished = await Eventually.GetAsync(async () =>
        {
            var now = await GetAsync(Planner, $"/api/plans/{planId}");
            return now["status"]!.GetValue<string>() is "completed" or "failed" ? now : null;
        }, TimeSpan.FromMinutes(1), "the plan to finish");
        Assert.Equal("completed", finished["status"]!.GetValue<string>());

        var history = (await GetNodeAsync(Planner, $"/api/plans/{planId}/history")).AsArray().Select(e => e!).ToList();
        Assert.Contains(history, e => e["type"]!.GetValue<string>() == "artifact-edited" && e["data"]!["version"]!.GetValue<int>() == 2);
        Assert.Single(history, e => e["type"]!.GetValue<string>() == "artifacts-recorded" && e["data"]!["taskId"]!.GetValue<Guid>() == write);
        var readied = history.Single(e => e["type"]!.GetValue<string>() == "task-readied" && e["data"]!["taskId"]!.GetValue<Guid>() == use);
        var input = readied["data"]!["inputs"]!.AsArray().Single(i => i!["taskId"]!.GetValue<Guid>() == write)!["content"]!.GetValue<string>();
        Assert.Contains(Edited, input);
        Assert.DoesNotContain(original, input);

        using var report = await Planner.GetAsync($"/api/plans/{planId}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/markdown", report.Content.Headers.ContentType?.MediaType);
        var markdown = await report.Content.ReadAsStringAsync();
        Assert.StartsWith("# Greeting module", markdown);
        foreach (var title in new[] { "Write the code", "Review the naming", "Use the code" })
        {
            Assert.Contains($"[x] {title} — completed", markdown);
        }

        Assert.Contains("Keep `answer`.", markdown);
        Assert.Contains("edited by the person", markdown);
        Assert.Contains("`snippet.py` — snippet.py (code, python, version 2, edited)", markdown);
        Assert.Contains("- Cost: $0 (simulator: no cost)", markdown);

        using var zipResponse = await Planner.GetAsync($"/api/plans/{planId}/artifacts");
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await zipResponse.Content.ReadAsStreamAsync());
        var entry = Assert.Single(zip.Entries, e => e.FullName.EndsWith("-write-the-code/snippet.py", StringComparison.Ordinal));
        using (var reader = new StreamReader(entry.Open()))
        {
            Assert.Equal(Edited, await reader.ReadToEndAsync());
        }

        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("-review-the-naming/result.md", StringComparison.Ordinal));
        await AssertProblemAsync(await Planner.GetAsync($"/api/plans/{Guid.NewGuid()}/report"), HttpStatusCode.NotFound);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(body)!["detail"]?.GetValue<string>()), body);
        }
    }
}
