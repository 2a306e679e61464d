using Marten;
using MassTransit;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.Eventing;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.RunningTurn;

/// <summary>
/// Runs one autonomous turn for the Executor (queue <c>conversation-run-conversation-turn</c>). The
/// outcome is appended as AutonomousTurnCompleted / AutonomousTurnFailed and reaches the bus through the
/// relay; a turn id already answered runs no second model call. A conversation not opened yet (its brief
/// still on the way) is retried by the bus.
/// </summary>
public sealed class RunConversationTurnConsumer(
    IDocumentStore store, ConversationTurns turns, IChatModel model, ActiveTurns active, ITokenCounter tokens, ModelPricing pricing, TimeProvider clock,
    ILogger<RunConversationTurnConsumer> logger)
    : IdempotentConsumer<RunConversationTurn>(store, logger)
{
    public const string ExecutorAuthor = "executor";

    protected override Guid? StreamOf(RunConversationTurn message) => message.ConversationId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<RunConversationTurn> context)
    {
        var command = context.Message;
        var stream = await ConversationStream.OpenAsync(session, command.ConversationId, context.CancellationToken);
        var state = stream.State
            ?? throw new InvalidOperationException($"Conversation {command.ConversationId} is not open yet; the turn is retried when its brief arrives.");
        if (state.HandledTurns.Contains(command.TurnId))
        {
            logger.LogInformation("Turn {TurnId} of conversation {ConversationId} was already answered", command.TurnId, command.ConversationId);
            return;
        }

        using var lease = active.TryBegin(state.Id, state.TaskId, context.CancellationToken);
        if (lease is null)
        {
            EventStreamWriter.Decide(stream, _ => Decision.Accept(Failed(command, "The conversation is busy with another reply.", transient: true)));
            return;
        }

        var events = new List<object>();
        if (!string.IsNullOrWhiteSpace(command.Instruction))
        {
            var instruction = command.Instruction.Trim();
            events.Add(new MessagePosted(state.Id, Guid.CreateVersion7(), ExecutorAuthor, instruction, tokens.Count(instruction), clock.GetUtcNow()));
            state = ConversationEvolution.Apply(state, events)!;
        }

        string? promptVersionId = null;
        try
        {
            var prepared = await turns.PrepareAsync(state, TurnKind.Execute, lease.Token);
            promptVersionId = prepared.Request.PromptVersionId;
            events.AddRange(prepared.Events);
            var request = prepared.Request with { AllowInputRequest = command.AllowInputRequest, AllowCompletionProposal = true };
            var reply = await model.CompleteAsync(request, lease.Token);
            var now = clock.GetUtcNow();
            var usage = reply.Usage;
            var cost = pricing.Cost(usage);
            // A turn that only asked a question shows (and later sends the model) the question as its reply.
            var content = reply.Content.Length == 0 && reply.InputRequest is { } asked ? asked.Question : reply.Content;
            events.Add(new ReplyGenerated(state.Id, Guid.CreateVersion7(), content, MessageStatus.Complete, usage.Model, usage.PromptTokens,
                usage.CompletionTokens, usage.Latency.TotalMilliseconds, request.PromptVersionId, null, command.TurnId, now, cost));
            if (reply.InputRequest is { } input)
            {
                events.Add(new InputRequested(state.Id, state.TaskId, state.PlanId, input.Question, command.TurnId, now));
            }

            events.Add(new AutonomousTurnCompleted(command.TurnId, state.Id, state.TaskId, state.PlanId, content, reply.InputRequest is not null,
                reply.InputRequest?.Question, reply.CompletionProposed, usage.Model, usage.PromptTokens, usage.CompletionTokens,
                usage.Latency.TotalMilliseconds, request.PromptVersionId, now, cost));
        }
        catch (ModelCallException ex)
        {
            events.Add(Failed(command, ex.Message, ex.Transient) with { PromptVersionId = promptVersionId });
        }
        catch (OperationCanceledException) when (lease.Token.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            events.Add(Failed(command, "The task was cancelled while the turn ran.", transient: false));
        }

        EventStreamWriter.Decide(stream, _ => Decision.Accept([.. events]));
    }

    private AutonomousTurnFailed Failed(RunConversationTurn command, string reason, bool transient) =>
        new(command.TurnId, command.ConversationId, command.TaskId, command.PlanId, reason, transient, clock.GetUtcNow());
}
