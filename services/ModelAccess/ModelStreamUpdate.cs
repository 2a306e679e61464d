namespace Orchestrator.ModelAccess;

/// <summary>One piece of a streamed reply.</summary>
public abstract record ModelStreamUpdate;

/// <summary>More text of the reply.</summary>
public sealed record TextDelta(string Text) : ModelStreamUpdate;

/// <summary>The model asked the person a question (the <c>request_human_input</c> tool).</summary>
public sealed record InputRequested(string Question) : ModelStreamUpdate;

/// <summary>The model proposed that the task is done (the <c>propose_completion</c> tool).</summary>
public sealed record CompletionProposed(string? Summary) : ModelStreamUpdate;

/// <summary>The reply is complete; always the last update of a stream that did not fail.</summary>
public sealed record Completed(ModelUsage Usage) : ModelStreamUpdate;

/// <summary>The model proposed splitting the task into child chats (the <c>propose_subtasks</c> tool).</summary>
public sealed record SubtasksProposed(SubtaskProposal Proposal) : ModelStreamUpdate;
