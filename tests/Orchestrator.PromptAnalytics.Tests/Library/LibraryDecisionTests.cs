using Orchestrator.PromptAnalytics.Library;
using Orchestrator.PromptAnalytics.Library.AddingVersion;
using Orchestrator.PromptAnalytics.Library.Seeding;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Tests.Library;

public sealed class LibraryDecisionTests
{
    internal static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal static PromptTemplate Seeded(string name) =>
        SeedBuiltInDecision.Decide(null, BuiltInPrompts.Find(name)!, Now).Aggregate((PromptTemplate?)null, PromptTemplateEvolution.Evolve)!;

    [Fact]
    public void Seeding_an_empty_library_makes_the_built_in_the_production_version()
    {
        var template = Seeded(PromptNames.Decompose);

        Assert.Equal(TemplateIds.For("decompose"), template.Id);
        var version = Assert.Single(template.Versions);
        Assert.Equal("decompose:1", version.VersionId);
        Assert.Equal("builtin:decompose:2", version.Origin);
        Assert.Equal(version, template.ProductionVersion);
    }

    [Fact]
    public void Seeding_again_adds_nothing_and_a_new_built_in_revision_is_added_without_a_label()
    {
        var template = Seeded(PromptNames.Execute);
        Assert.Empty(SeedBuiltInDecision.Decide(template, BuiltInPrompts.Execute, Now));

        var revised = BuiltInPrompts.Execute with { Revision = 2, Text = "Do {{$brief}}." };
        var events = SeedBuiltInDecision.Decide(template, revised, Now);

        var added = Assert.IsType<VersionAdded>(Assert.Single(events));
        Assert.Equal("execute:2", added.VersionId);
        Assert.Equal("builtin:execute:2", added.Origin);
    }

    [Fact]
    public void A_version_gets_the_next_number_and_its_labels()
    {
        var template = Seeded(PromptNames.Chat);
        var decision = AddVersionDecision.Decide(template, new AddVersion("chat", "Hi {{$brief}}", "friendlier", new PromptParameters(Temperature: 0.7), "ada", ["candidate", "production"], Now));

        Assert.Null(decision.Problem);
        var after = decision.Events.Aggregate((PromptTemplate?)template, PromptTemplateEvolution.Evolve)!;
        Assert.Equal("chat:2", after.Versions[^1].VersionId);
        Assert.Equal("chat:2", after.Labels["production"]);
        Assert.Equal("chat:2", after.Labels["candidate"]);
        Assert.Equal("Hi {{$brief}}", after.ProductionVersion!.Text);
        Assert.Equal(BuiltInPrompts.Chat.Text, after.Versions[0].Text);
    }

    [Theory]
    [InlineData("", "'text' is empty")]
    [InlineData("Do {{$a $b}}", "not a valid Semantic Kernel prompt template")]
    public void A_version_needs_valid_text(string text, string detail)
    {
        var decision = AddVersionDecision.Decide(Seeded(PromptNames.Chat), new AddVersion("chat", text, null, null, null, [], Now));
        Assert.Equal(Refusal.Invalid, decision.Problem!.Kind);
        Assert.Contains(detail, decision.Problem.Detail, StringComparison.Ordinal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_version_of_an_unknown_template_is_not_found()
    {
        var decision = AddVersionDecision.Decide(null, new AddVersion("summarise", "Hi", null, null, null, [], Now));
        Assert.Equal(Refusal.NotFound, decision.Problem!.Kind);
        Assert.Contains("decompose, execute, aggregate, chat, recap", decision.Problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decompose:12", "decompose")]
    [InlineData("builtin:recap:1", "recap")]
    [InlineData("my-template:3", "my-template")]
    [InlineData("decompose", null)]
    [InlineData("decompose:0", null)]
    public void A_version_id_names_its_template(string versionId, string? template) => Assert.Equal(template, TemplateIds.TemplateOf(versionId));

    [Fact]
    public void The_built_in_alias_finds_the_version_seeded_from_it()
    {
        var template = Seeded(PromptNames.Recap);
        Assert.Equal("recap:1", template.FindVersion("builtin:recap:1")!.VersionId);
        Assert.Null(template.FindVersion("builtin:recap:2"));
    }
}
