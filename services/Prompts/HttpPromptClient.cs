using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orchestrator.Prompts;

/// <summary>
/// Resolves prompts through PromptAnalytics' <c>GET /api/prompts/{name}/resolve?subject=</c>, caches each answer
/// briefly, and uses the built-in version while the service is down, slow or refuses the request.
/// </summary>
public sealed partial class HttpPromptClient : IPromptClient, IDisposable
{
    public const string HttpClientName = "prompt-analytics";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IHttpClientFactory _httpClients;
    private readonly PromptClientOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<HttpPromptClient> _logger;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private long _unreachableUntilTicks;
    private int _degraded;

    public HttpPromptClient(IHttpClientFactory httpClients, IOptions<PromptClientOptions> options, TimeProvider clock, ILogger<HttpPromptClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    public async Task<ResolvedPrompt> ResolveAsync(string name, Guid subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = (name, subject);
        if (_cache.TryGetValue(key, out ResolvedPrompt? cached) && cached is not null)
        {
            return cached;
        }

        var builtIn = BuiltInPrompts.Find(name);
        if (_clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _unreachableUntilTicks) && builtIn is not null)
        {
            return BuiltInPrompts.AsFallback(builtIn);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var client = _httpClients.CreateClient(HttpClientName);
            var path = new Uri($"api/prompts/{Uri.EscapeDataString(name)}/resolve?subject={subject}", UriKind.Relative);
            using var response = await client.GetAsync(path, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var problem = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                return Degraded(name, builtIn, $"PromptAnalytics answered {(int)response.StatusCode}: {Truncate(problem)}");
            }

            var body = await response.Content.ReadFromJsonAsync<ResolveResponse>(Json, timeout.Token).ConfigureAwait(false)
                ?? throw new JsonException("The resolve response was empty.");
            var resolved = new ResolvedPrompt(body.Name, body.VersionId, body.Text, body.Parameters ?? PromptParameters.None, body.ExperimentId, body.Variant, IsFallback: false);
            Recovered();
            _cache.Set(key, resolved, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.CacheDuration });
            return resolved;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Degraded(name, builtIn, $"PromptAnalytics did not answer within {_options.Timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            return Degraded(name, builtIn, e.Message);
        }
    }

    public Task<string> RenderAsync(ResolvedPrompt prompt, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return PromptTemplateRenderer.RenderAsync(prompt.Text, arguments, cancellationToken);
    }

    public void Dispose() => _cache.Dispose();

    private ResolvedPrompt Degraded(string name, BuiltInPrompt? builtIn, string reason)
    {
        Interlocked.Exchange(ref _unreachableUntilTicks, (_clock.GetUtcNow() + _options.RetryAfter).UtcTicks);
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            LogDegraded(_logger, reason, _options.RetryAfter.TotalSeconds);
        }

        return builtIn is null
            ? throw new InvalidOperationException($"Prompt '{name}' could not be resolved ({reason}) and has no built-in version to fall back to.")
            : BuiltInPrompts.AsFallback(builtIn);
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            LogRecovered(_logger);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Using built-in prompts: {Reason}. Trying PromptAnalytics again in {RetryAfterSeconds} s; no further warning until it answers")]
    private static partial void LogDegraded(ILogger logger, string reason, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "PromptAnalytics answers again; using the prompt library")]
    private static partial void LogRecovered(ILogger logger);

    private sealed record ResolveResponse(string Name, string VersionId, string Text, PromptParameters? Parameters, Guid? ExperimentId, string? Variant);
}
