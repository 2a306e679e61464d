using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Orchestrator.Prompts;
using Orchestrator.Testing;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>The prompt library over real HTTP and PostgreSQL: seeding, immutable versions, labels, resolve.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class LibraryTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private PromptAnalyticsService? _service;

    private PromptAnalyticsService Service => _service!;

    public async Task DisposeAsync() => await Service.DisposeAsync();

    public async Task InitializeAsync() => _service = await PromptAnalyticsService.StartAsync(fixture, "library");

    [Fact]
    public async Task Built_ins_are_seeded_once_as_the_production_versions_even_across_restarts()
    {
        await Service.RestartAsync();
        await Service.RestartAsync();

        var templates = await Service.GetAsync<List<TemplateDto>>("/api/prompts");

        Assert.Equal(PromptNames.All, templates.Select(t => t.Name));
        foreach (var template in templates)
        {
            var builtIn = BuiltInPrompts.Find(template.Name)!;
            var version = Assert.Single(template.Versions);
            Assert.Equal($"{template.Name}:1", version.VersionId);
            Assert.Equal(builtIn.Text, version.Text);
            Assert.Equal(builtIn.VersionId, version.Origin);
            Assert.Equal(["production"], version.Labels);
            Assert.Equal(version.VersionId, template.Labels["production"]);
        }
    }

    [Fact]
    public async Task A_new_version_is_numbered_immutable_and_served_once_labelled_production()
    {
        var subject = Guid.NewGuid();
        var before = await Service.GetAsync<ResolvedDto>($"/api/prompts/decompose/resolve?subject={subject}");
        Assert.Equal("decompose:1", before.VersionId);

        var candidate = await Service.PostAsync<VersionDto>("/api/prompts/decompose/versions",
            new { text = "Split {{$request}} into subtasks.", note = "terser", author = "ada", labels = new[] { "candidate" } });
        Assert.Equal("decompose:2", candidate.VersionId);
        Assert.Equal(["candidate"], candidate.Labels);
        Assert.Equal("ada", candidate.Author);
        Assert.Equal("decompose:1", (await Service.GetAsync<ResolvedDto>($"/api/prompts/decompose/resolve?subject={subject}")).VersionId);

        using var created = await Service.Client.PostAsJsonAsync("/api/prompts/decompose/versions", new { text = "Plan {{$request}} at depth {{$depth}}.", labels = new[] { "production" } }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/prompts/decompose", created.Headers.Location?.OriginalString);

        var after = await Service.GetAsync<ResolvedDto>($"/api/prompts/decompose/resolve?subject={subject}");
        Assert.Equal("decompose:3", after.VersionId);
        Assert.Equal("Plan {{$request}} at depth {{$depth}}.", after.Text);
        Assert.Null(after.ExperimentId);

        var template = await Service.GetAsync<TemplateDto>("/api/prompts/decompose");
        Assert.Equal(["decompose:1", "decompose:2", "decompose:3"], template.Versions.Select(v => v.VersionId));
        Assert.Equal(BuiltInPrompts.Decompose.Text, template.Versions[0].Text);
        Assert.Equal(["candidate"], template.Versions[1].Labels);
        Assert.Empty(template.Versions[0].Labels);
    }
}
