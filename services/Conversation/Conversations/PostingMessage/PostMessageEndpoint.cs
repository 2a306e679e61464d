using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.Conversation.Conversations.GettingConversation;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.PostingMessage;

/// <summary>
/// <c>POST /api/conversations/{id}/messages</c>: stores the person's message, then streams the model's
/// reply in the AI SDK's UI message stream protocol and stores it when it ends.
/// <list type="bullet">
/// <item>Stopped (the client disconnects, or <c>POST …/stop</c>): the model call is cancelled and the partial reply is stored with status <c>stopped</c>; it stays in the model's context.</item>
/// <item>Provider failure: the stream ends with an <c>error</c> part; the person's message stays, and the partial reply is stored with status <c>failed</c>, shown but never sent to the model again.</item>
/// <item>A proposal to split the task (the model called <c>propose_subtasks</c>): stored with the reply as <see cref="SubtasksProposed"/> and streamed as a <c>data-subtask-proposal</c> part, for the person to accept or dismiss.</item>
/// <item>Bad input (empty, over the limit, unknown conversation, a reply already running): a 4xx problem, and nothing is stored.</item>
/// <item>An answer to a pending question (status <c>awaiting-input</c>): stored and published as HumanInputProvided; the stream carries a <c>data-input-provided</c> part and no model reply, because the Executor resumes the task with its next autonomous turn.</item>
/// </list>
/// </summary>
public static class PostMessageEndpoint
{
    public const string PersonAuthor = "person";

    public static RouteGroupBuilder MapPostMessage(this RouteGroupBuilder conversations)
    {
        conversations.MapPost("/{conversationId:guid}/messages", HandleAsync)
            .WithName("PostMessage")
            .WithSummary("Posts a message and streams the reply as server-sent events (Vercel AI SDK UI message stream protocol).")
            .Accepts<JsonElement>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        conversations.MapPost("/{conversationId:guid}/stop", Results<NoContent, ProblemHttpResult> (Guid conversationId, ActiveTurns active) =>
            active.Stop(conversationId)
                ? TypedResults.NoContent()
                : TypedResults.Problem($"Conversation {conversationId} has no reply being generated.", statusCode: StatusCodes.Status409Conflict))
            .WithName("StopReply")
            .WithSummary("Stops the reply being generated; the partial reply is kept, marked stopped.");
        return conversations;
    }

    private static async Task<IResult> HandleAsync(
        Guid conversationId, HttpContext http, IDocumentStore store, ConversationTurns turns, IChatModel model, ActiveTurns active,
        ITokenCounter tokens, ModelProviderInfo provider, ModelPricing pricing, TimeProvider clock, ILoggerFactory loggers)
    {
        var ct = http.RequestAborted;
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body is not valid JSON: send { \"content\": \"…\" }.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (content, error) = MessageBody.Read(body);
        if (content is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }

        await using var session = store.LightweightSession();
        var stream = await ConversationStream.OpenAsync(session, conversationId, ct);
        var text = content.Trim();
        var command = new PostMessage(conversationId, Guid.CreateVersion7(), text, PersonAuthor, text.Length <= PostMessageDecision.MaxContentLength ? tokens.Count(text) : 0, clock.GetUtcNow());
        ActiveTurns.Lease? lease = null;
        var write = await session.WriteAsync(stream, current =>
        {
            var decision = PostMessageDecision.Decide(current, command);
            if (decision.Problem is null)
            {
                // One reply at a time per conversation: the message is stored only if this request may answer it.
                lease = active.TryBegin(conversationId, current!.TaskId, ct);
            }

            return decision.Problem is null && lease is null
                ? Decision.Conflict("A reply is still being generated in this conversation: wait for it or stop it (POST …/stop), then send again.")
                : decision;
        }, ct);
        using var owned = lease;
        if (write.Problem is { } problem)
        {
            return problem.ToResult();
        }

        var state = write.State!;
        var decided = write.Events;
        UiMessageStream.Prepare(http.Response);
        var sse = new UiMessageStream(http.Response);
        if (decided.OfType<HumanInputProvided>().FirstOrDefault() is { } answer)
        {
            await sse.StartAsync(Guid.CreateVersion7());
            await sse.DataAsync("input-provided", new { question = answer.Question, answer = answer.Answer });
            await sse.FinishAsync();
            await sse.DoneAsync();
            return Results.Empty;
        }

        await StreamReplyAsync(http, sse, state, store, turns, model, tokens, provider, pricing, clock, lease!, loggers.CreateLogger(typeof(PostMessageEndpoint)));
        return Results.Empty;
    }

    private static async Task StreamReplyAsync(
        HttpContext http, UiMessageStream sse, Conversation state, IDocumentStore store, ConversationTurns turns, IChatModel model,
        ITokenCounter tokens, ModelProviderInfo provider, ModelPricing pricing, TimeProvider clock, ActiveTurns.Lease lease, ILogger logger)
    {
        var messageId = Guid.CreateVersion7();
        var textId = $"text-{messageId:N}";
        var reply = new StringBuilder();
        PreparedTurn? prepared = null;
        try
        {
            await sse.StartAsync(messageId);
            await sse.StartStepAsync();
            prepared = await turns.PrepareAsync(state, TurnKind.Chat, lease.Token);
            if (prepared.Events.Count > 0)
            {
                await AppendAsync(store, state.Id, prepared.Events);
            }

            await sse.TextStartAsync(textId);
            ModelUsage? usage = null;
            SubtaskProposal? proposal = null;
            await foreach (var update in model.StreamAsync(prepared.Request, lease.Token))
            {
                switch (update)
                {
                    case TextDelta delta:
                        reply.Append(delta.Text);
                        await sse.TextDeltaAsync(textId, delta.Text);
                        break;
                    case ModelAccess.SubtasksProposed split:
                        proposal = split.Proposal;
                        break;
                    case Completed completed:
                        usage = completed.Usage;
                        break;
                }
            }

            if (proposal is not null && reply.Length == 0)
            {
                // A reply that is only the tool call still says something in the transcript.
                var text = proposal.Reason.Length > 0 ? proposal.Reason : $"I propose splitting this task into {proposal.Subtasks.Count} child chats.";
                reply.Append(text);
                await sse.TextDeltaAsync(textId, text);
            }

            usage ??= new ModelUsage(provider.Model, 0, tokens.Count(reply.ToString()), TimeSpan.Zero);
            var generated = Reply(state, messageId, reply, MessageStatus.Complete, usage, pricing, prepared, null, clock);
            var proposed = proposal is null ? null : new SubtasksProposed(state.Id, Guid.CreateVersion7(), messageId, proposal.Reason, proposal.Subtasks, generated.At);
            await AppendAsync(store, state.Id, proposed is null ? [generated] : [generated, proposed]);
            await sse.TextEndAsync(textId);
            if (proposed is not null)
            {
                var view = ConversationEvolution.Apply(state, [generated, proposed])!.FindProposal(proposed.ProposalId)!;
                await sse.DataAsync("subtask-proposal", new { messageId, proposal = ProposalView.From(view) });
            }

            await sse.DataAsync("usage", new { messageId, model = usage.Model, promptTokens = usage.PromptTokens, completionTokens = usage.CompletionTokens, latencyMs = usage.Latency.TotalMilliseconds, costUsd = generated.CostUsd });
            await sse.FinishStepAsync();
            await sse.FinishAsync();
            await sse.DoneAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && (lease.Token.IsCancellationRequested || http.RequestAborted.IsCancellationRequested))
        {
            var usage = new ModelUsage(provider.Model, prepared is null ? 0 : tokens.Count(prepared.Request.Messages), tokens.Count(reply.ToString()), TimeSpan.Zero) { Counted = true };
            await AppendAsync(store, state.Id, [Reply(state, messageId, reply, MessageStatus.Stopped, usage, pricing, prepared, null, clock)]);
            logger.LogInformation("Reply {MessageId} in conversation {ConversationId} stopped after {Characters} characters", messageId, state.Id, reply.Length);
            if (!http.RequestAborted.IsCancellationRequested)
            {
                await sse.TextEndAsync(textId);
                await sse.DataAsync("stopped", new { messageId });
                await sse.FinishAsync();
                await sse.DoneAsync();
            }
        }
        catch (ModelCallException ex)
        {
            var usage = new ModelUsage(provider.Model, 0, tokens.Count(reply.ToString()), TimeSpan.Zero) { Counted = true };
            await AppendAsync(store, state.Id, [Reply(state, messageId, reply, MessageStatus.Failed, usage, pricing, prepared, ex.Message, clock)]);
            logger.LogWarning("Reply {MessageId} in conversation {ConversationId} failed: {Reason}", messageId, state.Id, ex.Message);
            await sse.ErrorAsync(ex.Message);
            await sse.DoneAsync();
        }
    }

    private static ReplyGenerated Reply(
        Conversation state, Guid messageId, StringBuilder reply, MessageStatus status, ModelUsage usage, ModelPricing pricing, PreparedTurn? prepared,
        string? failure, TimeProvider clock) =>
        new(state.Id, messageId, reply.ToString(), status, usage.Model, usage.PromptTokens, usage.CompletionTokens, usage.Latency.TotalMilliseconds,
            prepared?.Request.PromptVersionId, failure, null, clock.GetUtcNow(), pricing.Cost(usage));

    /// <summary>Appends after the request may have ended, so it never uses the request's token.</summary>
    private static async Task AppendAsync(IDocumentStore store, Guid conversationId, IReadOnlyList<object> events)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(conversationId, events);
        await session.SaveChangesAsync(CancellationToken.None);
    }
}
