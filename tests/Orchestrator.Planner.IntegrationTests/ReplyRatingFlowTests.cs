using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;
using static Orchestrator.Planner.IntegrationTests.JsonApi;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// A person's thumbs on a reply in a running task's chat travels from the Conversation service to PromptAnalytics as a
/// <c>rating</c> outcome of the prompt version that wrote the reply, for the reply's plan; bad verdicts change nothing.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ReplyRatingFlowTests(InfrastructureFixture fixture) : WholeSystemTests(fixture, "reply-rating")
{
    [Fact]
    public async Task A_thumbs_down_on_a_reply_becomes_a_failed_rating_of_the_replys_prompt_version()
    {
        var plan = await PostAsync(Planner, "/api/plans", new { request = "Plan a small garden party" });
        var planId = Id(plan);
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var task = await PostAsync(Planner, $"/api/plans/{planId}/tasks", new
        {
            parentId = rootId, title = "Choose the food", objective = "Choose the food for twelve guests.", mode = "interactive",
        });
        var conversationId = task["conversationId"]!.GetValue<Guid>();
        await PostAsync(Planner, $"/api/plans/{planId}/approve", new { });
        await Eventually.GetAsync(async () => TaskIn(await GetAsync(Planner, $"/api/plans/{planId}"), Id(task))["status"]!.GetValue<string>() == "active" ? "" : null,
            TimeSpan.FromSeconds(30), "the interactive task to start");
        using (var posted = await Conversation.PostAsJsonAsync($"/api/conversations/{conversationId}/messages", new { content = "Suggest three dishes" }))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            await posted.Content.ReadAsStringAsync();
        }

        var messages = (await GetAsync(Conversation, $"/api/conversations/{conversationId}"))["messages"]!.AsArray().Select(m => m!).ToList();
        var question = messages.Single(m => m["role"]!.GetValue<string>() == "user");
        var reply = messages.Single(m => m["role"]!.GetValue<string>() == "assistant");
        Assert.Null(reply["feedback"]);
        Assert.True(reply.AsObject().ContainsKey("feedback"));
        var feedback = $"/api/conversations/{conversationId}/messages/{Id(reply)}/feedback";

        await AssertRefusedAsync(feedback, new { verdict = "meh" }, HttpStatusCode.BadRequest, "\"up\"");
        await AssertRefusedAsync(feedback, new { rating = "up" }, HttpStatusCode.BadRequest, "'verdict'");
        await AssertRefusedAsync($"/api/conversations/{conversationId}/messages/{Id(question)}/feedback", new { verdict = "up" }, HttpStatusCode.BadRequest, "not a reply");
        await AssertRefusedAsync($"/api/conversations/{conversationId}/messages/{Guid.NewGuid()}/feedback", new { verdict = "up" }, HttpStatusCode.NotFound, "no message");
        await AssertRefusedAsync($"/api/conversations/{Guid.NewGuid()}/messages/{Id(reply)}/feedback", new { verdict = "up" }, HttpStatusCode.NotFound, "does not exist");
        Assert.Null((await ReplyAsync(conversationId, Id(reply)))["feedback"]);

        var rated = await PostAsync(Conversation, feedback, new { verdict = "down" });
        Assert.Equal(Id(reply), Id(rated));
        Assert.Equal("down", rated["feedback"]!.GetValue<string>());
        Assert.Equal("down", (await ReplyAsync(conversationId, Id(reply)))["feedback"]!.GetValue<string>());

        var outcome = await Eventually.GetAsync(async () =>
        {
            using var response = await Analytics.GetAsync($"/api/outcomes?subject={planId}");
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var outcomes = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["outcomes"]!.AsArray();
            return outcomes.FirstOrDefault(o => o!["metric"]!.GetValue<string>() == "rating");
        }, TimeSpan.FromSeconds(60), "the thumbs down to reach PromptAnalytics as a rating");

        Assert.False(outcome["success"]!.GetValue<bool>());
        Assert.Equal("reply-rated", outcome["source"]!.GetValue<string>());
        var version = outcome["versionId"]!.GetValue<string>();
        Assert.StartsWith("chat", version, StringComparison.Ordinal);
        Assert.Equal(reply["promptVersionId"]!.GetValue<string>(), version);
        Assert.Equal("chat", outcome["prompt"]!.GetValue<string>());

        await RatingTallyIsAsync(version, trials: 1, successes: 0);

        // A change of mind shows in the chat and revises the reply's one trial; a clearing leaves the last verdict counted.
        var changed = await PostAsync(Conversation, feedback, new { verdict = "up" });
        Assert.Equal("up", changed["feedback"]!.GetValue<string>());
        await RatingTallyIsAsync(version, trials: 1, successes: 1);
        var cleared = await PostAsync(Conversation, feedback, new { verdict = (string?)null });
        Assert.Null(cleared["feedback"]);
        Assert.Null((await ReplyAsync(conversationId, Id(reply)))["feedback"]);
        var again = await PostAsync(Conversation, feedback, new { verdict = "down" });
        Assert.Equal("down", again["feedback"]!.GetValue<string>());
        await RatingTallyIsAsync(version, trials: 1, successes: 0);
        var ratings = (await GetAsync(Analytics, $"/api/outcomes?subject={planId}"))["outcomes"]!.AsArray()
            .Where(o => o!["metric"]!.GetValue<string>() == "rating").ToList();
        Assert.Equal(3, ratings.Count);
    }

    /// <summary>Waits until the version's <c>rating</c> tally (kept by the async daemon) reads as expected.</summary>
    private async Task RatingTallyIsAsync(string versionId, long trials, long successes)
    {
        var prompt = versionId.Split(':')[0];
        await Eventually.GetAsync(async () =>
        {
            var versions = (await GetAsync(Analytics, $"/api/prompts/{prompt}"))["versions"]!.AsArray();
            var rating = versions.Single(v => v!["versionId"]!.GetValue<string>() == versionId)!["outcomes"]!.AsArray()
                .FirstOrDefault(m => m!["metric"]!.GetValue<string>() == "rating");
            return rating is not null && rating["n"]!.GetValue<long>() == trials && rating["successes"]!.GetValue<long>() == successes ? rating : null;
        }, TimeSpan.FromSeconds(60), $"{versionId}'s rating tally at {successes} of {trials}");
    }

    private async Task<JsonNode> ReplyAsync(Guid conversationId, Guid messageId) =>
        (await GetAsync(Conversation, $"/api/conversations/{conversationId}"))["messages"]!.AsArray().Single(m => Id(m!) == messageId)!;

    private async Task AssertRefusedAsync(string path, object body, HttpStatusCode expected, string detailMentions)
    {
        using var response = await Conversation.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detailMentions, JsonNode.Parse(text)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
