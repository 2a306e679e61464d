extern alias modelsim;

using System.Text.Json.Nodes;
using modelsim::Orchestrator.ModelSimulator.Completions;
using modelsim::Orchestrator.ModelSimulator.Replies;

namespace Orchestrator.ModelAccess.Tests;

/// <summary>The simulator ends its reply with a named code block when asked for a snippet, so a task has an artifact to edit.</summary>
public sealed class SimulatorSnippetTests
{
    private static ChatRequest Chat(string brief, string message)
    {
        var body = new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = $"<brief>\n{brief}\n</brief>" },
                new JsonObject { ["role"] = "user", ["content"] = message }),
        };
        return ChatRequest.Parse(body).Request!;
    }

    [Fact]
    public void A_brief_that_asks_for_a_snippet_gets_a_reply_ending_with_a_named_python_block()
    {
        var reply = ReplyComposer.Compose(Chat("Write a python snippet that says \"hi\" with `quotes`.", "Go."));

        Assert.Contains("## Snippet\n\n```python title=\"snippet.py\"\ndef answer() -> str:\n    return \"", reply.Content);
        Assert.EndsWith("\"\n```\n", reply.Content);
        Assert.Equal(2, reply.Content.Split("```").Length - 1);
    }

    [Fact]
    public void Other_replies_have_no_code_block()
    {
        var reply = ReplyComposer.Compose(Chat("Write the release notes.", "Go."));

        Assert.DoesNotContain("```", reply.Content);
    }
}
