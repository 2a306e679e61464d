namespace Orchestrator.ModelSimulator.Replies;

public sealed record SimulatedToolCall(string Id, string Name, string Arguments);

/// <summary>What the simulator answers: text, tool calls, or both.</summary>
public sealed record SimulatedReply(string Content, IReadOnlyList<SimulatedToolCall> ToolCalls)
{
    public string FinishReason => ToolCalls.Count > 0 ? "tool_calls" : "stop";
}
