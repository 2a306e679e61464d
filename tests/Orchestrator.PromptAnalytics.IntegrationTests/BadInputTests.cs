using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>Bad requests get a 4xx problem whose detail says what to fix, and store nothing.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BadInputTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private PromptAnalyticsService? _service;

    private PromptAnalyticsService Service => _service!;

    public async Task DisposeAsync() => await Service.DisposeAsync();

    public async Task InitializeAsync() => _service = await PromptAnalyticsService.StartAsync(fixture, "badinput");

    public static TheoryData<string, string, object, HttpStatusCode, string> Requests => new()
    {
        { "unknown template", "/api/prompts/summarise/versions", new { text = "Hello" }, HttpStatusCode.NotFound, "no prompt template named 'summarise'" },
        { "empty text", "/api/prompts/decompose/versions", new { text = "   " }, HttpStatusCode.BadRequest, "'text' is empty" },
        { "unparseable text", "/api/prompts/decompose/versions", new { text = "Do {{$a $b}}" }, HttpStatusCode.BadRequest, "not a valid Semantic Kernel prompt template" },
        { "unknown label", "/api/prompts/decompose/versions", new { text = "Hi", labels = new[] { "staging" } }, HttpStatusCode.BadRequest, "Unknown label(s) 'staging'" },
        { "bad temperature", "/api/prompts/decompose/versions", new { text = "Hi", parameters = new { temperature = 3.5 } }, HttpStatusCode.BadRequest, "'parameters.temperature'" },
        { "experiment on unknown template", "/api/experiments", new { prompt = "summarise", variants = new[] { new { versionId = "summarise:1", weight = 1 }, new { versionId = "summarise:2", weight = 1 } } }, HttpStatusCode.NotFound, "no prompt template named 'summarise'" },
        { "zero weight", "/api/experiments", new { prompt = "decompose", variants = new[] { new { versionId = "decompose:1", weight = 1.0 }, new { versionId = "decompose:1", weight = 0.0 } } }, HttpStatusCode.BadRequest, "'variants[1].weight' must be a positive number" },
        { "negative weight", "/api/experiments", new { prompt = "decompose", variants = new[] { new { versionId = "decompose:1", weight = -2.0 }, new { versionId = "decompose:1", weight = 1.0 } } }, HttpStatusCode.BadRequest, "'variants[0].weight' must be a positive number" },
        { "one variant", "/api/experiments", new { prompt = "decompose", variants = new[] { new { versionId = "decompose:1", weight = 1.0 } } }, HttpStatusCode.BadRequest, "compares 2 to 10 versions" },
        { "version of another template", "/api/experiments", new { prompt = "decompose", variants = new[] { new { versionId = "decompose:1", weight = 1.0 }, new { versionId = "execute:1", weight = 1.0 } } }, HttpStatusCode.BadRequest, "is a version of template 'execute', not 'decompose'" },
        { "unknown version", "/api/experiments", new { prompt = "decompose", variants = new[] { new { versionId = "decompose:1", weight = 1.0 }, new { versionId = "decompose:9", weight = 1.0 } } }, HttpStatusCode.BadRequest, "decompose:9 is not a version of template 'decompose'" },
        { "unknown allocation", "/api/experiments", new { prompt = "execute", allocation = "round-robin", variants = new[] { new { versionId = "execute:1", weight = 1.0 }, new { versionId = "builtin:execute:1", weight = 1.0 } } }, HttpStatusCode.BadRequest, "'allocation' is 'round-robin'" },
        { "outcome without subject", "/api/outcomes", new { versionId = "decompose:1", success = true }, HttpStatusCode.BadRequest, "'subject' is required" },
        { "outcome for unknown version", "/api/outcomes", new { subject = Guid.NewGuid(), versionId = "decompose:7", success = true }, HttpStatusCode.BadRequest, "'versionId' decompose:7 is not a version" },
        { "outcome without success", "/api/outcomes", new { subject = Guid.NewGuid(), versionId = "decompose:1" }, HttpStatusCode.BadRequest, "'success' is required" },
        { "unknown experiment results", "/api/experiments/4b4c2f4e-8b59-4d4f-9d2e-0d1b8f1f9a11/promote", new { versionId = "decompose:1" }, HttpStatusCode.NotFound, "no experiment 4b4c2f4e-8b59-4d4f-9d2e-0d1b8f1f9a11" },
        { "unknown experiment stop", "/api/experiments/4b4c2f4e-8b59-4d4f-9d2e-0d1b8f1f9a11/stop", new { }, HttpStatusCode.NotFound, "no experiment 4b4c2f4e-8b59-4d4f-9d2e-0d1b8f1f9a11" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_bad_request_is_refused_with_what_to_fix_and_nothing_is_stored(string what, string path, object body, HttpStatusCode status, string detail)
    {
        using var response = await Service.Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, ApiJson.Options);

        Assert.True(status == response.StatusCode, $"{what}: expected {status}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(ApiJson.Options);
        Assert.Contains(detail, problem!.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Promoting_a_version_of_another_template_is_refused_and_the_experiment_stays()
    {
        await Service.PostAsync<VersionDto>("/api/prompts/decompose/versions", new { text = "Split {{$request}}." });
        var experiment = await Service.PostAsync<ExperimentDto>("/api/experiments", new
        {
            prompt = "decompose",
            variants = new[] { new { versionId = "decompose:1", weight = 1.0 }, new { versionId = "decompose:2", weight = 1.0 } },
        });

        using var other = await Service.Client.PostAsJsonAsync($"/api/experiments/{experiment.Id}/promote", new { versionId = "execute:1" }, ApiJson.Options);
        using var noWinner = await Service.Client.PostAsJsonAsync($"/api/experiments/{experiment.Id}/promote", new { }, ApiJson.Options);
        using var second = await Service.Client.PostAsJsonAsync("/api/experiments", new
        {
            prompt = "decompose",
            variants = new[] { new { versionId = "decompose:1", weight = 1.0 }, new { versionId = "decompose:2", weight = 1.0 } },
        }, ApiJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("belongs to template 'execute'", (await other.Content.ReadFromJsonAsync<ProblemDto>(ApiJson.Options))!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noWinner.StatusCode);
        Assert.Contains("has no winner yet", (await noWinner.Content.ReadFromJsonAsync<ProblemDto>(ApiJson.Options))!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var template = await Service.GetAsync<TemplateDto>("/api/prompts/decompose");
        Assert.Equal("decompose:1", template.Labels["production"]);
        Assert.Equal(experiment.Id, template.ExperimentId);
        Assert.Equal("running", (await Service.GetAsync<ExperimentDto>($"/api/experiments/{experiment.Id}")).Status);
    }

    [Fact]
    public async Task Resolving_needs_a_known_template_and_a_subject()
    {
        using var unknown = await Service.Client.GetAsync(new Uri($"/api/prompts/summarise/resolve?subject={Guid.NewGuid()}", UriKind.Relative));
        using var noSubject = await Service.Client.GetAsync(new Uri("/api/prompts/decompose/resolve", UriKind.Relative));
        using var results = await Service.Client.GetAsync(new Uri($"/api/experiments/{Guid.NewGuid()}/results", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSubject.StatusCode);
        Assert.Contains("'subject' is required", (await noSubject.Content.ReadFromJsonAsync<ProblemDto>(ApiJson.Options))!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, results.StatusCode);
    }

    private async Task AssertNothingStoredAsync()
    {
        var templates = await Service.GetAsync<List<TemplateDto>>("/api/prompts");
        Assert.All(templates, t => Assert.Single(t.Versions));
        Assert.Empty(await Service.GetAsync<List<ExperimentDto>>("/api/experiments"));
    }
}
