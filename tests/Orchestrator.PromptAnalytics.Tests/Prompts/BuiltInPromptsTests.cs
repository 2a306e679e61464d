using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Tests.Prompts;

public sealed partial class BuiltInPromptsTests
{
    public static TheoryData<string> Names => [.. PromptNames.All];

    [Fact]
    public void There_is_one_built_in_per_purpose()
    {
        Assert.Equal(PromptNames.All.Order(), BuiltInPrompts.All.Select(p => p.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_built_in_declares_exactly_the_variables_its_text_uses(string name)
    {
        var prompt = BuiltInPrompts.Find(name)!;
        var used = Variable().Matches(prompt.Text).Select(m => m.Groups[1].Value).Distinct().Order();
        Assert.Equal(prompt.Variables.Order(), used);
        Assert.Null(PromptTemplateRenderer.Validate(prompt.Text));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_built_in_renders_every_argument_verbatim(string name)
    {
        var prompt = BuiltInPrompts.Find(name)!;
        var arguments = prompt.Variables.ToDictionary(v => v, v => (object?)$"<value of {v} with \"quotes\" & {{braces}}>");

        var rendered = await PromptTemplateRenderer.RenderAsync(prompt.Text, arguments);

        Assert.DoesNotContain("{{", rendered, StringComparison.Ordinal);
        foreach (var variable in prompt.Variables)
        {
            Assert.Contains($"<value of {variable} with \"quotes\" & {{braces}}>", rendered, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_argument_renders_as_empty()
    {
        var rendered = await PromptTemplateRenderer.RenderAsync("before [{{$absent}}] after", new Dictionary<string, object?>());
        Assert.Equal("before [] after", rendered);
    }

    [Fact]
    public void An_unparseable_template_is_reported()
    {
        Assert.NotNull(PromptTemplateRenderer.Validate("Dear {{$first $second}}"));
        Assert.NotNull(PromptTemplateRenderer.Validate("Hello {{$na me}}"));
    }

    [Fact]
    public void The_fallback_carries_the_built_in_version_id()
    {
        var fallback = BuiltInPrompts.AsFallback(BuiltInPrompts.Decompose);
        Assert.Equal("builtin:decompose:2", fallback.VersionId);
        Assert.True(fallback.IsFallback);
        Assert.Null(fallback.ExperimentId);
        Assert.Equal(DecompositionSchema.Name, fallback.Parameters.ResponseSchema);
    }

    [Fact]
    public void The_decomposition_schema_requires_the_documented_shape()
    {
        using var schema = JsonDocument.Parse(DecompositionSchema.Json);
        var root = schema.RootElement;
        Assert.Equal(["action", "reason", "subtasks"], root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["execute", "split"], root.GetProperty("properties").GetProperty("action").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var subtask = root.GetProperty("$defs").GetProperty("subtask");
        Assert.Equal(
            ["key", "title", "objective", "mode", "dependsOn", "expectedOutputs", "subtasks"],
            subtask.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            ["autonomous", "interactive", "hybrid"],
            subtask.GetProperty("properties").GetProperty("mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [GeneratedRegex(@"\{\{\s*\$(\w+)\s*\}\}")]
    private static partial Regex Variable();

    [Fact]
    public void The_patterns_experiments_control_is_the_decomposition_prompt_without_the_gallery_section_and_nothing_else()
    {
        var with = BuiltInPrompts.Decompose.Text;
        var without = BuiltInPrompts.DecomposeWithoutPatterns.Text;

        Assert.Contains("{{$examples}}", with, StringComparison.Ordinal);
        Assert.DoesNotContain("{{$examples}}", without, StringComparison.Ordinal);
        Assert.DoesNotContain("gallery", without, StringComparison.Ordinal);
        Assert.Contains("</context>\n\nDecide first:", without.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal("builtin:decompose:1", BuiltInPrompts.DecomposeWithoutPatterns.VersionId);
        Assert.Equal(with.Split('\n').Length - 7, without.Split('\n').Length);
    }
}
