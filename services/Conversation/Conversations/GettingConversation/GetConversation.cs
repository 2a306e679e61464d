using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Contracts.Planning;

namespace Orchestrator.Conversation.Conversations.GettingConversation;

/// <summary>
/// A message as the chat shows it; a reply also names the prompt version that wrote it (when known), <see cref="Feedback"/>, the
/// person's thumbs on it (null when none), and what its model call read and wrote (<see cref="InputTokens"/>, <see cref="OutputTokens"/>)
/// and cost in US dollars.
/// </summary>
public sealed record MessageView(
    Guid Id, MessageRole Role, string Author, string Content, DateTimeOffset At, int Tokens, MessageStatus Status, ProposalView? Proposal,
    string? PromptVersionId, ReplyVerdict? Feedback, int InputTokens, int OutputTokens, decimal CostUsd);

public sealed record ProposedSubtaskView(string Key, string Title, string Objective, string Mode, IReadOnlyList<string> DependsOn, IReadOnlyList<string> ExpectedOutputs);

/// <summary>A proposal to split the task into child chats, as the chat shows it; <see cref="TaskIds"/> once accepted.</summary>
public sealed record ProposalView(Guid Id, ProposalStatus Status, string Reason, IReadOnlyList<ProposedSubtaskView> Subtasks, IReadOnlyList<Guid> TaskIds)
{
    public static ProposalView From(SubtaskProposalState p) => new(p.Id, p.Status, p.Reason,
        p.Subtasks.Select(s => new ProposedSubtaskView(s.Key, s.Title, s.Objective, s.Mode, s.DependsOn, s.ExpectedOutputs)).ToList(), p.TaskIds);
}

public sealed record InputView(Guid TaskId, string Title, string Content, TaskInputSource Source);

public sealed record RecapView(string Summary, int MessagesSummarised, DateTimeOffset At);

public sealed record ConversationView(
    Guid Id, Guid TaskId, Guid PlanId, Guid? ParentId, string Title, string Brief, TaskExecutionMode Mode, IReadOnlyList<string> ExpectedOutputs,
    IReadOnlyList<InputView> Inputs, ConversationStatus Status, string? PendingQuestion, RecapView? Recap, IReadOnlyList<MessageView> Messages)
{
    public static ConversationView From(Conversation c) => new(
        c.Id, c.TaskId, c.PlanId, c.ParentId, c.Title, c.Brief, c.Mode, c.ExpectedOutputs,
        c.Inputs.Select(i => new InputView(i.TaskId, i.Title, i.Content, i.Source)).ToList(),
        c.Status, c.PendingQuestion,
        c.Recap is { } r ? new RecapView(r.Summary, r.MessagesSummarised, r.At) : null,
        c.Messages.Select(m => new MessageView(m.Id, m.Role, m.Author, m.Content, m.At, m.Tokens, m.Status,
            c.Proposals.Find(p => p.MessageId == m.Id) is { } proposal ? ProposalView.From(proposal) : null, m.PromptVersionId, m.Feedback,
            m.InputTokens, m.OutputTokens, m.CostUsd)).ToList());
}

public static class GetConversationEndpoint
{
    public static RouteGroupBuilder MapGetConversation(this RouteGroupBuilder conversations)
    {
        conversations.MapGet("/{conversationId:guid}", async Task<Results<Ok<ConversationView>, ProblemHttpResult>> (Guid conversationId, IQuerySession session, CancellationToken ct) =>
        {
            var conversation = await session.LoadAsync<Conversation>(conversationId, ct);
            if (conversation is null)
            {
                return TypedResults.Problem($"Conversation {conversationId} does not exist.", statusCode: StatusCodes.Status404NotFound);
            }

            return TypedResults.Ok(ConversationView.From(conversation));
        })
        .WithName("GetConversation")
        .WithSummary("The task's conversation: brief, declared inputs, status, pending question and messages.");
        return conversations;
    }
}
