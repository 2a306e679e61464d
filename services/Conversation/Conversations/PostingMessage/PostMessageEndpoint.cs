using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.Conversation.Conversations.GettingConversation;
using Orchestrator.Conversation.Conversations.RecordingReply;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Conversations.PostingMessage;

/// <summary>
/// <c>POST /api/conversations/{id}/messages</c>: stores the person's message, then streams the model's
/// reply in the AI SDK's UI message stream protocol and stores it when it ends. What is stored is decided by
/// <see cref="PostMessageDecision"/> and <see cref="RecordReplyDecision"/>; this endpoint reads the body, holds the conversation's
/// turn, streams and writes.
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

    /// <summary>What answering a message needs from the service.</summary>
    public sealed record ReplyServices(
        IDocumentStore Store, ConversationTurns Turns, IChatModel Model, ActiveTurns Active, ITokenCounter Tokens, ModelProviderInfo Provider,
        ModelPricing Pricing, TimeProvider Clock, ILoggerFactory Loggers);

    private static async Task<IResult> HandleAsync(Guid conversationId, HttpContext http, [AsParameters] ReplyServices services)
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

        await using var session = services.Store.LightweightSession();
        var stream = await ConversationStream.OpenAsync(session, conversationId, ct);
        // One reply at a time per conversation: the message is stored only if this request holds the conversation's turn to answer it.
        using var lease = stream.State is { } known ? services.Active.TryBegin(known.Id, known.TaskId, ct) : null;
        var text = content.Trim();
        var tokens = text.Length <= PostMessageDecision.MaxContentLength ? services.Tokens.Count(text) : 0;
        var command = new PostMessage(conversationId, Guid.CreateVersion7(), text, PersonAuthor, tokens, services.Clock.GetUtcNow(), ReplyRunning: lease is null);
        var write = await session.WriteAsync(stream, current => PostMessageDecision.Decide(current, command), ct);
        if (write.Problem is { } problem)
        {
            return problem.ToResult();
        }

        UiMessageStream.Prepare(http.Response);
        var sse = new UiMessageStream(http.Response);
        if (write.Events.OfType<HumanInputProvided>().FirstOrDefault() is { } answer)
        {
            await sse.InputProvidedAsync(answer);
            return Results.Empty;
        }

        await StreamReplyAsync(http, sse, write.State!, services, lease!);
        return Results.Empty;
    }

    /// <summary>Streams the model's reply as it comes, then stores it, however it ended, as <see cref="RecordReplyDecision"/> decides, and ends the stream accordingly.</summary>
    private static async Task StreamReplyAsync(HttpContext http, UiMessageStream sse, Conversation state, ReplyServices services, ActiveTurns.Lease lease)
    {
        var messageId = Guid.CreateVersion7();
        var textId = $"text-{messageId:N}";
        var streamed = new StringBuilder();
        PreparedTurn? prepared = null;
        ModelUsage? usage = null;
        SubtaskProposal? proposal = null;
        var (status, failure) = (MessageStatus.Complete, (string?)null);
        try
        {
            await sse.StartAsync(messageId);
            await sse.StartStepAsync();
            prepared = await services.Turns.PrepareAsync(state, TurnKind.Chat, lease.Token);
            if (prepared.Events.Count > 0)
            {
                await Store(services, state.Id, _ => Decision.Accept([.. prepared.Events]));
            }

            await sse.TextStartAsync(textId);
            await foreach (var update in services.Model.StreamAsync(prepared.Request, lease.Token))
            {
                switch (update)
                {
                    case TextDelta delta:
                        streamed.Append(delta.Text);
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
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && (lease.Token.IsCancellationRequested || http.RequestAborted.IsCancellationRequested))
        {
            status = MessageStatus.Stopped;
        }
        catch (ModelCallException ex)
        {
            (status, failure) = (MessageStatus.Failed, ex.Message);
        }

        var command = new RecordReply(state.Id, messageId, status, streamed.ToString(), prepared?.Request, usage, proposal, failure, services.Provider.Model,
            Guid.CreateVersion7(), services.Clock.GetUtcNow());
        var recorded = await Store(services, state.Id, current => RecordReplyDecision.Decide(current, command, services.Tokens, services.Pricing));
        var reply = recorded.Events.OfType<ReplyGenerated>().Single();
        var logger = services.Loggers.CreateLogger(typeof(PostMessageEndpoint));
        if (status == MessageStatus.Stopped)
        {
            logger.LogInformation("Reply {MessageId} in conversation {ConversationId} stopped after {Characters} characters", messageId, state.Id, streamed.Length);
        }
        else if (status == MessageStatus.Failed)
        {
            logger.LogWarning("Reply {MessageId} in conversation {ConversationId} failed: {Reason}", messageId, state.Id, failure);
        }

        var shown = recorded.Events.OfType<SubtasksProposed>().FirstOrDefault() is { } proposed ? ProposalView.From(recorded.State!.FindProposal(proposed.ProposalId)!) : null;
        await sse.EndReplyAsync(textId, streamed.Length, reply, shown);
    }

    /// <summary>Stores through the shared write path; what cannot be stored is an error of the service, not of the person's request.</summary>
    private static async Task<Written<Conversation>> Store(ReplyServices services, Guid conversationId, Func<Conversation?, Decision> decide)
    {
        var written = await ConversationStream.WriteAsync(services.Store, conversationId, decide);
        return written.Problem is { } problem ? throw new InvalidOperationException($"Conversation {conversationId}: {problem.Detail}") : written;
    }
}
