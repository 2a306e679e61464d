using Marten;
using MassTransit;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.Eventing;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.RunningTurn;

/// <summary>
/// Runs one autonomous turn for the Executor (queue <c>conversation-run-conversation-turn</c>), as <see cref="RunTurnDecision"/>
/// decides it. The outcome is appended as AutonomousTurnCompleted / AutonomousTurnFailed and reaches the bus through the relay;
/// a turn id already answered runs no second model call. A conversation not opened yet (its brief still on the way) is retried by the bus.
/// </summary>
public sealed class RunConversationTurnConsumer(
    IDocumentStore store, ConversationTurns turns, IChatModel model, ActiveTurns active, ITokenCounter tokens, ModelPricing pricing, TimeProvider clock,
    ILogger<RunConversationTurnConsumer> logger)
    : IdempotentConsumer<RunConversationTurn>(store, logger)
{
    protected override Guid? StreamOf(RunConversationTurn message) => message.ConversationId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<RunConversationTurn> context)
    {
        var m = context.Message;
        var stream = await ConversationStream.OpenAsync(session, m.ConversationId, context.CancellationToken);
        var instruction = m.Instruction?.Trim() ?? "";
        var command = new RunTurn(m.TurnId, m.ConversationId, m.TaskId, m.PlanId, instruction, instruction.Length == 0 ? 0 : tokens.Count(instruction), Guid.CreateVersion7(), clock.GetUtcNow());
        var start = RunTurnDecision.Start(stream.State, command);
        if (start.Problem is { Kind: Refusal.NotFound } notOpen)
        {
            throw new InvalidOperationException(notOpen.Detail);
        }

        if (start.Problem is not null)
        {
            logger.LogInformation("Turn {TurnId} of conversation {ConversationId} was already answered", m.TurnId, m.ConversationId);
            return;
        }

        var state = stream.State!;
        using var lease = active.TryBegin(state.Id, state.TaskId, context.CancellationToken);
        var (recap, outcome) = await RunAsync(ConversationEvolution.Apply(state, start.Events)!, m.AllowInputRequest, lease, context.CancellationToken);
        var written = EventStreamWriter.Decide(stream, current => RunTurnDecision.Decide(current, command, recap, outcome, tokens, pricing));
        if (written.Problem is { } refused)
        {
            throw new InvalidOperationException(refused.Detail);
        }
    }

    /// <summary>
    /// Prepares the request (recapping older turns when the context is too long) and calls the model, unless another reply holds the
    /// conversation (no <paramref name="lease"/>); returns the recap and how the turn ended.
    /// </summary>
    private async Task<(IReadOnlyList<object> Recap, TurnOutcome Outcome)> RunAsync(
        Conversation state, bool allowInputRequest, ActiveTurns.Lease? lease, CancellationToken consumeToken)
    {
        if (lease is null)
        {
            return ([], new TurnBusy(clock.GetUtcNow()));
        }

        PreparedTurn? prepared = null;
        try
        {
            prepared = await turns.PrepareAsync(state, TurnKind.Execute, lease.Token);
            var request = prepared.Request with { AllowInputRequest = allowInputRequest, AllowCompletionProposal = true };
            var reply = await model.CompleteAsync(request, lease.Token);
            return (prepared.Events, new TurnReplied(request, reply, Guid.CreateVersion7(), clock.GetUtcNow()));
        }
        catch (ModelCallException ex)
        {
            return (prepared?.Events ?? [], new TurnCallFailed(ex.Message, ex.Transient, prepared?.Request.PromptVersionId, clock.GetUtcNow()));
        }
        catch (OperationCanceledException) when (lease.Token.IsCancellationRequested && !consumeToken.IsCancellationRequested)
        {
            return (prepared?.Events ?? [], new TurnCancelled(clock.GetUtcNow()));
        }
    }
}
