using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;
using static Orchestrator.Planner.IntegrationTests.JsonApi;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// The gallery of proven plans on the whole system with the model simulator: a plan that succeeds goes into the gallery by itself,
/// a similar request is decomposed with it as an example and says so, the plans based on it are counted, the person's rating
/// counts as their success, and a plan started from the pattern arrives with the pattern's tree adapted to its request.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class GalleryFlowTests(InfrastructureFixture fixture) : WholeSystemTests(fixture, "gallery")
{
    [Fact]
    public async Task A_plan_that_succeeded_becomes_a_pattern_the_next_similar_plan_builds_on()
    {
        var first = await RunToCompletionAsync("Add a shopping cart and checkout to my online shop");
        var firstId = first["id"]!.GetValue<Guid>();
        var firstTasks = first["tasks"]!.AsArray().Count - 1;

        var pattern = await Eventually.GetAsync(async () =>
            (await GetNodeAsync(Planner, "/api/patterns?query=shopping%20cart%20checkout")).AsArray().FirstOrDefault(), TimeSpan.FromSeconds(30), "the plan in the gallery");
        var patternId = Id(pattern!);
        var saved = await GetAsync(Planner, $"/api/patterns/{patternId}");
        Assert.Equal(firstId, saved["sourcePlanId"]!.GetValue<Guid>());
        Assert.Equal("proven", saved["origin"]!.GetValue<string>());
        Assert.Equal(firstTasks, saved["taskCount"]!.GetValue<int>());
        Assert.Equal(firstTasks, saved["tasks"]!.AsArray().Count);
        Assert.Equal(0, saved["uses"]!.GetValue<int>());

        // A similar request is decomposed with the pattern as a worked example, and the plan says so.
        var second = await PostAsync(Planner, "/api/plans", new { request = "Add a shopping cart with a checkout page to my bookstore" });
        var secondId = second["id"]!.GetValue<Guid>();
        var proposal = await PostAsync(Planner, $"/api/plans/{secondId}/tasks/{RootOf(second)}/decompose", new { });
        Assert.Equal(patternId, Id(Assert.Single(proposal["patterns"]!.AsArray())!));
        var basedOn = Assert.Single((await GetAsync(Planner, $"/api/plans/{secondId}"))["patterns"]!.AsArray())!;
        Assert.Equal(patternId, Id(basedOn));
        Assert.Equal(saved["title"]!.GetValue<string>(), basedOn["title"]!.GetValue<string>());
        var history = (await GetNodeAsync(Planner, $"/api/plans/{secondId}/history")).AsArray();
        var proposed = history.Single(e => e!["type"]!.GetValue<string>() == "decomposition-proposed")!;
        Assert.Equal(patternId, Id(proposed["data"]!["patterns"]![0]!));

        // Running it counts as a use, and its success as a success of the pattern.
        await RunToCompletionAsync(secondId);
        var used = await Eventually.GetAsync(async () =>
        {
            var p = await GetAsync(Planner, $"/api/patterns/{patternId}");
            return p["uses"]!.GetValue<int>() == 1 && p["successRate"] is JsonValue ? p : null;
        }, TimeSpan.FromSeconds(30), "the use and the success counted");
        Assert.Equal(1.0, used["successRate"]!.GetValue<double>());

        // The person rates the second plan 1 of 5: it did not succeed after all; the pattern's success rate follows, and the second
        // plan, which went into the gallery by itself, leaves it.
        var secondPatternId = await Eventually.GetAsync(async () =>
            (await GetNodeAsync(Planner, "/api/patterns")).AsArray().Select(p => p!).FirstOrDefault(p => p["id"]!.GetValue<Guid>() != patternId), TimeSpan.FromSeconds(30), "the second plan in the gallery");
        var rated = await PostAsync(Planner, $"/api/plans/{secondId}/rating", new { score = 1, comment = "The checkout did not work." });
        Assert.Equal(1, rated["rating"]!["score"]!.GetValue<int>());
        await Eventually.GetAsync(async () =>
        {
            var p = await GetAsync(Planner, $"/api/patterns/{patternId}");
            return p["successRate"]!.GetValue<double>() == 0 ? p : null;
        }, TimeSpan.FromSeconds(30), "the low rating counted against the pattern");
        await Eventually.GetAsync(async () =>
        {
            using var response = await Planner.GetAsync($"/api/patterns/{Id(secondPatternId)}");
            return response.StatusCode == HttpStatusCode.NotFound ? "gone" : null;
        }, TimeSpan.FromSeconds(30), "the low-rated plan withdrawn from the gallery");

        // Starting from the pattern: the plan arrives with the pattern's tree, adapted to the new request.
        var adapted = await PostAsync(Planner, "/api/plans", new { request = "Add a wishlist to my online shop", patternId });
        Assert.Equal("proposed", adapted["status"]!.GetValue<string>());
        Assert.Equal(patternId, Id(Assert.Single(adapted["patterns"]!.AsArray())!));
        var adaptedTasks = adapted["tasks"]!.AsArray().Select(t => t!).Where(t => t["parentId"] is not null).ToList();
        Assert.Equal(saved["tasks"]!.AsArray().Select(t => t!["title"]!.GetValue<string>()).Order(), adaptedTasks.Select(t => t["title"]!.GetValue<string>()).Order());
        Assert.All(adaptedTasks, t => Assert.Contains("wishlist", t["objective"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_requests_to_the_gallery_are_refused_with_a_reason_and_change_nothing()
    {
        var plans = (await GetNodeAsync(Planner, "/api/plans")).AsArray().Count;
        await ExpectProblemAsync(await Planner.PostAsJsonAsync("/api/plans", new { request = "Anything", patternId = Guid.NewGuid() }), HttpStatusCode.BadRequest, "patternId");
        Assert.Equal(plans, (await GetNodeAsync(Planner, "/api/plans")).AsArray().Count);

        var draft = await PostAsync(Planner, "/api/plans", new { request = "Plan a team offsite for twenty people" });
        var draftId = draft["id"]!.GetValue<Guid>();
        await ExpectProblemAsync(await Planner.PostAsync($"/api/plans/{draftId}/save-as-pattern", null), HttpStatusCode.Conflict, "decompose it first");
        await ExpectProblemAsync(await Planner.PostAsJsonAsync($"/api/plans/{draftId}/rating", new { score = 4 }), HttpStatusCode.Conflict, "completed or failed");
        await ExpectProblemAsync(await Planner.PostAsJsonAsync($"/api/plans/{draftId}/rating", new { score = 6 }), HttpStatusCode.BadRequest, "1 (poor) to 5");
        await ExpectProblemAsync(await Planner.PostAsync($"/api/plans/{Guid.NewGuid()}/save-as-pattern", null), HttpStatusCode.NotFound, "does not exist");
        await ExpectProblemAsync(await Planner.DeleteAsync($"/api/patterns/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not in the gallery");
        await ExpectProblemAsync(await Planner.GetAsync($"/api/patterns?query={new string('a', 2_001)}"), HttpStatusCode.BadRequest, "limit");

        // The person saves a proposed plan, once; removed, it is gone from the list and its page.
        await PostAsync(Planner, $"/api/plans/{draftId}/tasks/{RootOf(draft)}/decompose", new { });
        var saved = await PostAsync(Planner, $"/api/plans/{draftId}/save-as-pattern", new { });
        Assert.Equal("saved", saved["origin"]!.GetValue<string>());
        await ExpectProblemAsync(await Planner.PostAsync($"/api/plans/{draftId}/save-as-pattern", null), HttpStatusCode.Conflict, "already in the gallery");
        using (var removed = await Planner.DeleteAsync($"/api/patterns/{Id(saved)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.DoesNotContain((await GetNodeAsync(Planner, "/api/patterns")).AsArray(), p => Id(p!) == Id(saved));
        await ExpectProblemAsync(await Planner.GetAsync($"/api/patterns/{Id(saved)}"), HttpStatusCode.NotFound, "not in the gallery");
    }

    private static Guid RootOf(JsonObject plan) => Id(plan["tasks"]!.AsArray().Single(t => t!["parentId"] is null)!);

    private async Task<JsonObject> RunToCompletionAsync(string request)
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request });
        var planId = plan["id"]!.GetValue<Guid>();
        await PostAsync(Planner, $"/api/plans/{planId}/tasks/{RootOf(plan)}/decompose", new { });
        return await RunToCompletionAsync(planId);
    }

    /// <summary>Makes every task autonomous, approves the plan and waits until it completed.</summary>
    private async Task<JsonObject> RunToCompletionAsync(Guid planId)
    {
        var plan = await GetAsync(Planner, $"/api/plans/{planId}");
        foreach (var task in plan["tasks"]!.AsArray().Select(t => t!).Where(t => t["parentId"] is not null))
        {
            using var response = await Planner.PatchAsJsonAsync($"/api/plans/{planId}/tasks/{Id(task)}", new { mode = "autonomous" });
            Assert.True(response.IsSuccessStatusCode, $"patch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await PostAsync(Planner, $"/api/plans/{planId}/approve", new { });
        var finished = await Eventually.GetAsync(async () =>
        {
            var now = await GetAsync(Planner, $"/api/plans/{planId}");
            return now["status"]!.GetValue<string>() is "completed" or "failed" ? now : null;
        }, TimeSpan.FromMinutes(2), "the plan to finish");
        Assert.Equal("completed", finished["status"]!.GetValue<string>());
        return finished;
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, JsonNode.Parse(body)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
