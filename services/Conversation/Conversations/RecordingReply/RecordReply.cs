using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.RecordingReply;

/// <summary>
/// How a model's reply ended, as the edge saw it: <paramref name="Status"/> (complete, stopped, or cut off by
/// <paramref name="FailureReason"/>), the text written, the request sent (none when it ended before the request was ready), the
/// usage the provider reported and the split it proposed, if any; <paramref name="Model"/> is the configured model, named when
/// the tokens are counted here instead.
/// </summary>
public sealed record RecordReply(
    Guid ConversationId, Guid MessageId, MessageStatus Status, string Text, ModelRequest? Request, ModelUsage? Usage, SubtaskProposal? Proposal,
    string? FailureReason, string Model, Guid ProposalId, DateTimeOffset At)
{
    /// <summary>The autonomous turn the reply answers; null for a chat with the person.</summary>
    public Guid? TurnId { get; init; }
}

/// <summary>What a model's reply leaves in the conversation, whichever way it ended, in a chat or an autonomous turn; pure (counting tokens and pricing are lookups).</summary>
public static class RecordReplyDecision
{
    /// <summary>
    /// A complete reply is stored with the usage the provider reported (or its counted tokens) and its proposal to split the task;
    /// a reply that is only the proposal says so in the transcript. A stopped reply keeps the text the person saw, counted with
    /// the context it read, and stays in the model's context; a failed one keeps its fragment and the reason, shown but never sent again.
    /// </summary>
    public static Decision Decide(Conversation? state, RecordReply command, ITokenCounter tokens, ModelPricing pricing)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(tokens);
        if (state is null)
        {
            return Decision.NotFound($"Conversation {command.ConversationId} does not exist.");
        }

        switch (command.Status)
        {
            case MessageStatus.Stopped:
                var read = command.Request is { } request ? tokens.Count(request.Messages) : 0;
                return Decision.Accept(Reply(state, command, command.Text, Counted(command, read, tokens.Count(command.Text)), pricing));
            case MessageStatus.Failed:
                return Decision.Accept(Reply(state, command, command.Text, Counted(command, 0, tokens.Count(command.Text)), pricing));
        }

        if (command.Proposal is not { } proposal)
        {
            return Decision.Accept(Reply(state, command, command.Text, command.Usage ?? Counted(command, 0, tokens.Count(command.Text)), pricing));
        }

        // A reply that is only the tool call still says something in the transcript.
        var content = command.Text.Length > 0 ? command.Text
            : proposal.Reason.Length > 0 ? proposal.Reason
            : $"I propose splitting this task into {proposal.Subtasks.Count} child chats.";
        var generated = Reply(state, command, content, command.Usage ?? Counted(command, 0, tokens.Count(content)), pricing);
        return Decision.Accept(generated, new SubtasksProposed(state.Id, command.ProposalId, command.MessageId, proposal.Reason, proposal.Subtasks, command.At));
    }

    private static ModelUsage Counted(RecordReply command, int promptTokens, int completionTokens) =>
        new(command.Model, promptTokens, completionTokens, TimeSpan.Zero) { Counted = true };

    private static ReplyGenerated Reply(Conversation state, RecordReply command, string content, ModelUsage usage, ModelPricing pricing) =>
        new(state.Id, command.MessageId, content, command.Status, usage.Model, usage.PromptTokens, usage.CompletionTokens, usage.Latency.TotalMilliseconds,
            command.Request?.PromptVersionId, command.Status == MessageStatus.Failed ? command.FailureReason : null, command.TurnId, command.At, pricing.Cost(usage))
        {
            TaskId = state.TaskId,
            PlanId = state.PlanId,
        };
}
