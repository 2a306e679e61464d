using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Options;
using OpenAI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using ChatMessageContent = Microsoft.SemanticKernel.ChatMessageContent;
using ChatResponseFormat = OpenAI.Chat.ChatResponseFormat;
using ChatTokenUsage = OpenAI.Chat.ChatTokenUsage;

namespace Orchestrator.ModelAccess;

/// <summary>
/// <see cref="IChatModel"/> on Semantic Kernel's OpenAI connectors: OpenAI, Azure OpenAI, and any
/// OpenAI-compatible server (the simulator included) through a custom endpoint.
/// </summary>
internal sealed class SemanticKernelChatModel : IChatModel, IDisposable
{
    private static readonly KernelFunction RequestHumanInputTool = KernelFunctionFactory.CreateFromMethod(
        ([Description("The one question the person must answer before the work can go on.")] string question) => question,
        ModelTools.RequestHumanInput,
        "Ask the person a question when the task cannot go on without their decision or information. The turn ends and waits for their answer.");

    private static readonly KernelFunction ProposeCompletionTool = KernelFunctionFactory.CreateFromMethod(
        ([Description("A short summary of what the task produced.")] string summary) => summary,
        ModelTools.ProposeCompletion,
        "Propose that the task is complete because every expected output has been produced.");

    private static readonly KernelFunction ProposeSubtasksTool = KernelFunctionFactory.CreateFromMethod(
        (string reason, string subtasks) => reason,
        new KernelFunctionFromMethodOptions
        {
            FunctionName = ModelTools.ProposeSubtasks,
            Description = "Propose splitting this task into child chats, each with its own focused brief, when the task mixes several objectives "
                + "or its conversation has grown long. The person reviews the proposal and creates the chats.",
            Parameters =
            [
                new KernelParameterMetadata("reason") { Description = "One or two sentences on why the task should be split.", ParameterType = typeof(string), IsRequired = true },
                new KernelParameterMetadata("subtasks") { Description = "The child chats.", Schema = KernelJsonSchema.Parse(SubtaskProposal.SubtasksSchema), IsRequired = true },
            ],
        });

    private readonly HttpClient _http;
    private readonly IChatCompletionService _chat;
    private readonly Kernel _kernel = new();
    private readonly string _provider;
    private readonly string _model;
    private readonly string? _secret;
    private readonly ITokenCounter _tokens;
    private readonly ModelCallRecorder _recorder;
    private readonly TimeProvider _clock;

    public SemanticKernelChatModel(IOptions<ModelOptions> options, ITokenCounter tokens, ModelCallRecorder recorder, TimeProvider clock)
    {
        var settings = options.Value;
        _provider = settings.ProviderName;
        _model = settings.ModelName;
        _secret = string.IsNullOrWhiteSpace(settings.ApiKey) ? null : settings.ApiKey;
        _tokens = tokens;
        _recorder = recorder;
        _clock = clock;
        // Not from IHttpClientFactory: the shared resilience handler retries and times out after
        // seconds, which would replay model calls and cut long streams. Failures surface to the caller.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
        };
        _chat = CreateService(settings, _http);
    }

    public async Task<ModelReply> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        using var activity = ModelTelemetry.StartCall(request, _provider, _model, streaming: false);
        var started = _clock.GetTimestamp();
        ChatMessageContent reply;
        try
        {
            var replies = await _chat.GetChatMessageContentsAsync(History(request), Settings(request), _kernel, cancellationToken);
            reply = replies.Count > 0 ? replies[0] : throw new ModelCallException("The model provider answered with no reply.", transient: true, statusCode: null);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } failure)
        {
            await FailAsync(request, started, failure, activity);
            throw failure;
        }

        var content = reply.Content ?? "";
        var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
        var usage = Usage(request, reply.ModelId, reply.Metadata, content, calls, _clock.GetElapsedTime(started));
        ModelTelemetry.Record(request, _provider, usage, activity);
        await _recorder.RecordAsync(request, usage, succeeded: true);
        return new ModelReply(content, usage, InputRequestIn(calls)) { CompletionProposed = ProposalIn(calls) is not null };
    }

    public async IAsyncEnumerable<ModelStreamUpdate> StreamAsync(ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = ModelTelemetry.StartCall(request, _provider, _model, streaming: true);
        var started = _clock.GetTimestamp();
        var text = new StringBuilder();
        var calls = new FunctionCallContentBuilder();
        IReadOnlyDictionary<string, object?>? lastMetadata = null;
        string? model = null;

        var updates = _chat.GetStreamingChatMessageContentsAsync(History(request), Settings(request), _kernel, cancellationToken);
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            StreamingChatMessageContent update;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    break;
                }

                update = enumerator.Current;
            }
            catch (Exception ex) when (Translate(ex, cancellationToken) is { } failure)
            {
                await FailAsync(request, started, failure, activity);
                throw failure;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                var partial = Usage(request, model, null, text.ToString(), [], _clock.GetElapsedTime(started));
                activity?.SetTag("orchestrator.model.stopped", true);
                ModelTelemetry.Record(request, _provider, partial, activity);
                await _recorder.RecordAsync(request, partial, succeeded: false);
                throw;
            }

            model ??= update.ModelId;
            if (update.Metadata is { } metadata && metadata.TryGetValue("Usage", out var usageValue) && usageValue is ChatTokenUsage)
            {
                lastMetadata = metadata;
            }

            calls.Append(update);
            if (!string.IsNullOrEmpty(update.Content))
            {
                text.Append(update.Content);
                yield return new TextDelta(update.Content);
            }
        }

        var functionCalls = calls.Build().ToList();
        var usage = Usage(request, model, lastMetadata, text.ToString(), functionCalls, _clock.GetElapsedTime(started));
        ModelTelemetry.Record(request, _provider, usage, activity);
        await _recorder.RecordAsync(request, usage, succeeded: true);

        if (InputRequestIn(functionCalls) is { } input)
        {
            yield return new InputRequested(input.Question);
        }

        if (ProposalIn(functionCalls) is { } proposal)
        {
            yield return new CompletionProposed(proposal.Length == 0 ? null : proposal);
        }

        if (functionCalls.FirstOrDefault(c => c.FunctionName == ModelTools.ProposeSubtasks) is { } split
            && SubtaskProposal.Read(Argument(split, "reason"), Argument(split, "subtasks")) is { } subtasks)
        {
            yield return new SubtasksProposed(subtasks);
        }

        yield return new Completed(usage);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The connector over a client whose retries are set here (<c>Orchestrator:Model:MaxRetries</c>), so a
    /// provider failure surfaces when the caller expects it instead of after the SDK's own backoff.
    /// </summary>
    private static IChatCompletionService CreateService(ModelOptions settings, HttpClient http)
    {
        var transport = new HttpClientPipelineTransport(http);
        var retry = new ClientRetryPolicy(settings.EffectiveMaxRetries);
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        if (settings.ProviderName == ModelProviders.AzureOpenAI)
        {
            var azure = new AzureOpenAIClient(settings.EndpointUri!, new ApiKeyCredential(settings.ApiKey!),
                new AzureOpenAIClientOptions { Transport = transport, RetryPolicy = retry, NetworkTimeout = timeout });
            return new AzureOpenAIChatCompletionService(settings.ModelName, azure);
        }

        var options = new OpenAIClientOptions { Transport = transport, RetryPolicy = retry, NetworkTimeout = timeout };
        if (settings.EndpointUri is { } endpoint)
        {
            options.Endpoint = endpoint;
        }

        // OpenAI-compatible servers without keys still get a bearer header; any value does.
        var key = string.IsNullOrWhiteSpace(settings.ApiKey) ? "no-key" : settings.ApiKey;
        return new OpenAIChatCompletionService(settings.ModelName, new OpenAIClient(new ApiKeyCredential(key), options));
    }

    private static ChatHistory History(ModelRequest request)
    {
        var history = new ChatHistory();
        foreach (var message in request.Messages)
        {
            var role = message.Role switch
            {
                ModelRole.System => AuthorRole.System,
                ModelRole.Assistant => AuthorRole.Assistant,
                _ => AuthorRole.User,
            };
            history.AddMessage(role, message.Content);
        }

        return history;
    }

    private static OpenAIPromptExecutionSettings Settings(ModelRequest request)
    {
        var settings = new OpenAIPromptExecutionSettings
        {
            Temperature = request.Temperature,
            MaxTokens = request.MaxOutputTokens,
        };
        if (request.ResponseSchema is { } schema)
        {
            settings.ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(schema.Name, BinaryData.FromString(schema.JsonSchema), jsonSchemaIsStrict: schema.Strict);
        }

        var tools = new List<KernelFunction>();
        if (request.AllowInputRequest)
        {
            tools.Add(RequestHumanInputTool);
        }

        if (request.AllowCompletionProposal)
        {
            tools.Add(ProposeCompletionTool);
        }

        if (request.AllowSubtaskProposal)
        {
            tools.Add(ProposeSubtasksTool);
        }

        if (tools.Count > 0)
        {
            // The tools are signals for the caller, never run here.
            settings.FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(tools, autoInvoke: false);
        }

        return settings;
    }

    private ModelUsage Usage(
        ModelRequest request, string? replyModel, IReadOnlyDictionary<string, object?>? metadata, string content,
        IReadOnlyList<FunctionCallContent> calls, TimeSpan latency)
    {
        var model = string.IsNullOrWhiteSpace(replyModel) ? _model : replyModel;
        if (metadata is not null && metadata.TryGetValue("Usage", out var value) && value is ChatTokenUsage reported)
        {
            return new ModelUsage(model, reported.InputTokenCount, reported.OutputTokenCount, latency);
        }

        var completion = _tokens.Count(content) + calls.Sum(c => _tokens.Count(c.FunctionName) + _tokens.Count(ArgumentsText(c)));
        return new ModelUsage(model, _tokens.Count(request.Messages), completion, latency) { Counted = true };
    }

    private static HumanInputRequest? InputRequestIn(IEnumerable<FunctionCallContent> calls) =>
        calls.FirstOrDefault(c => c.FunctionName == ModelTools.RequestHumanInput) is { } call
            ? new HumanInputRequest(Argument(call, "question") is { Length: > 0 } question ? question : "The task needs your input to go on.")
            : null;

    private static string? ProposalIn(IEnumerable<FunctionCallContent> calls) =>
        calls.FirstOrDefault(c => c.FunctionName == ModelTools.ProposeCompletion) is { } call ? Argument(call, "summary") ?? "" : null;

    private static string? Argument(FunctionCallContent call, string name) =>
        call.Arguments is { } arguments && arguments.TryGetValue(name, out var value) && value is not null ? value.ToString() : null;

    private static string ArgumentsText(FunctionCallContent call) =>
        call.Arguments is null ? "" : JsonSerializer.Serialize(call.Arguments.ToDictionary(a => a.Key, a => a.Value?.ToString()));

    private async Task FailAsync(ModelRequest request, long started, ModelCallException failure, Activity? activity)
    {
        ModelTelemetry.RecordFailure(request, _provider, failure, activity);
        await _recorder.RecordAsync(request, new ModelUsage(_model, 0, 0, _clock.GetElapsedTime(started)), succeeded: false);
    }

    /// <summary>The failure as a safe <see cref="ModelCallException"/>, or null for a cancellation the caller asked for.</summary>
    private ModelCallException? Translate(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is ModelCallException known)
        {
            return known;
        }

        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var status = exception switch
        {
            HttpOperationException { StatusCode: { } code } => (int)code,
            ClientResultException { Status: > 0 } result => result.Status,
            { InnerException: ClientResultException { Status: > 0 } inner } => inner.Status,
            _ => (int?)null,
        };
        var (message, transient) = exception switch
        {
            OperationCanceledException => ($"The model provider did not answer within {_http.Timeout.TotalSeconds:0} s.", true),
            _ when status is { } s => ($"The model provider answered {s} ({(HttpStatusCode)s}).", s is 408 or 429 or >= 500),
            JsonException or FormatException => ("The model provider sent a reply that could not be read.", true),
            _ => ("The connection to the model provider failed or broke off mid-reply.", true),
        };
        return new ModelCallException(Scrub(message), transient, status, exception);
    }

    private string Scrub(string message) => _secret is null ? message : message.Replace(_secret, "***", StringComparison.Ordinal);
}
