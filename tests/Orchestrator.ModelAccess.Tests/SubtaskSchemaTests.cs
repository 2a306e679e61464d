using System.Text.Json.Nodes;
using Orchestrator.ModelAccess;
using Orchestrator.Prompts;

namespace Orchestrator.ModelAccess.Tests;

/// <summary>A chat's proposal to split itself asks for the same subtasks as a decomposition, without their further split.</summary>
public sealed class SubtaskSchemaTests
{
    [Fact]
    public void The_proposals_subtask_is_the_decompositions_subtask_without_nesting()
    {
        var decomposition = JsonNode.Parse(DecompositionSchema.Json)!["$defs"]!["subtask"]!;
        var proposal = JsonNode.Parse(SubtaskProposal.SubtasksSchema)!["items"]!;

        var nested = decomposition["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal([.. nested.Where(name => name != "subtasks")], proposal["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            decomposition["required"]!.AsArray().Select(n => n!.GetValue<string>()).Where(name => name != "subtasks"),
            proposal["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        foreach (var name in proposal["properties"]!.AsObject().Select(p => p.Key))
        {
            Assert.True(JsonNode.DeepEquals(decomposition["properties"]![name], proposal["properties"]![name]), name);
        }

        Assert.Equal(["autonomous", "interactive", "hybrid"], proposal["properties"]!["mode"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
