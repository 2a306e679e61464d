using Microsoft.Extensions.Options;

namespace Orchestrator.ModelAccess;

/// <summary>Settings under <c>Orchestrator:Model</c>. <see cref="ApiKey"/> is a secret: it is never logged, shown or published.</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Orchestrator:Model";

    /// <summary>The service-discovery key the AppHost sets for the simulator (<c>services__modelsim__http__0</c>).</summary>
    public const string SimulatorDiscoveryKey = "services:modelsim:http:0";

    /// <summary>Where the simulator listens when neither discovery nor <c>Orchestrator:Model:Endpoint</c> names it (the AppHost's default port).</summary>
    public const string DefaultSimulatorEndpoint = "http://127.0.0.1:5105";

    /// <summary><c>simulator</c> (default) | <c>openai</c> | <c>azure-openai</c> | <c>openai-compatible</c>.</summary>
    public string? Provider { get; set; }

    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The model name (the deployment name for Azure OpenAI).</summary>
    public string? Model { get; set; }

    /// <summary>The model's context window in tokens; conversations recap older turns before they reach it.</summary>
    public int? ContextWindow { get; set; }

    /// <summary>How long one call may take before it is abandoned.</summary>
    public int TimeoutSeconds { get; set; } = 300;

    /// <summary>Retries of a failed call (429, 5xx, network). Default: none for the simulator (faults stay visible), 2 for real providers.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>The price table: US dollars per million tokens by model name (case-insensitive). A model it does not name costs nothing.</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The price settings whose value is not a number (as <c>model:InputPerMillion</c>), found when the settings are read.</summary>
    internal List<string> UnreadablePrices { get; } = [];

    public int EffectiveMaxRetries => MaxRetries ?? (ProviderName == ModelProviders.Simulator ? 0 : 2);

    public string ProviderName => string.IsNullOrWhiteSpace(Provider) ? ModelProviders.Simulator : Provider.Trim().ToLowerInvariant();

    public string ModelName => string.IsNullOrWhiteSpace(Model)
        ? ProviderName == ModelProviders.Simulator ? ModelProviders.SimulatorModel : ""
        : Model.Trim();

    public int EffectiveContextWindow => ContextWindow ?? (ProviderName == ModelProviders.Simulator ? 16_384 : 128_000);

    /// <summary>
    /// The base address the OpenAI client talks to. The simulator's address from service discovery is
    /// its root, so <c>/v1</c> is added; other endpoints are used as configured.
    /// </summary>
    public Uri? EndpointUri
    {
        get
        {
            if (!Uri.TryCreate(Endpoint?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return null;
            }

            if (ProviderName == ModelProviders.Simulator && !uri.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal))
            {
                return new Uri(uri, uri.AbsolutePath.TrimEnd('/') + "/v1");
            }

            return uri;
        }
    }
}

public static class ModelProviders
{
    public const string Simulator = "simulator";
    public const string OpenAI = "openai";
    public const string AzureOpenAI = "azure-openai";
    public const string OpenAICompatible = "openai-compatible";

    /// <summary>The model name the simulator answers with.</summary>
    public const string SimulatorModel = "orchestrator-simulator";

    public static readonly IReadOnlyList<string> All = [Simulator, OpenAI, AzureOpenAI, OpenAICompatible];
}

/// <summary>Checks the settings at start; each failure names the setting to fix and never echoes a key.</summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    private const string Prefix = "Orchestrator__Model__";

    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Failures(ModelOptions options)
    {
        var provider = options.ProviderName;
        if (!ModelProviders.All.Contains(provider))
        {
            yield return $"Orchestrator:Model:Provider is '{options.Provider}'; use one of {string.Join(", ", ModelProviders.All)} (set {Prefix}Provider).";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            if (provider is ModelProviders.AzureOpenAI or ModelProviders.OpenAICompatible)
            {
                yield return $"Orchestrator:Model:Endpoint is required for provider '{provider}': set {Prefix}Endpoint to the provider's base URL.";
            }
        }
        else if (options.EndpointUri is null)
        {
            yield return $"Orchestrator:Model:Endpoint is not an absolute http(s) URL: set {Prefix}Endpoint to the provider's base URL.";
        }

        if (provider is ModelProviders.OpenAI or ModelProviders.AzureOpenAI && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            yield return $"Orchestrator:Model:ApiKey is required for provider '{provider}': set {Prefix}ApiKey (environment or user-secrets, never a committed file).";
        }

        if (provider != ModelProviders.Simulator && string.IsNullOrWhiteSpace(options.Model))
        {
            var what = provider == ModelProviders.AzureOpenAI ? "the deployment name" : "the model name";
            yield return $"Orchestrator:Model:Model is required for provider '{provider}': set {Prefix}Model to {what}.";
        }

        if (options.ContextWindow is < 1024)
        {
            yield return $"Orchestrator:Model:ContextWindow is {options.ContextWindow}; it must be at least 1024 tokens (set {Prefix}ContextWindow).";
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            yield return $"Orchestrator:Model:MaxRetries must be between 0 and 10 (set {Prefix}MaxRetries).";
        }

        if (options.TimeoutSeconds <= 0)
        {
            yield return $"Orchestrator:Model:TimeoutSeconds must be positive (set {Prefix}TimeoutSeconds).";
        }

        foreach (var setting in options.UnreadablePrices)
        {
            yield return $"Orchestrator:Model:Prices:{setting} is not a number: set {Prefix}Prices__{setting.Replace(":", "__", StringComparison.Ordinal)} to US dollars per million tokens, such as 0.15.";
        }

        foreach (var (model, price) in options.Prices)
        {
            if (price is null)
            {
                continue;
            }

            if (price.InputPerMillion < 0)
            {
                yield return $"Orchestrator:Model:Prices:{model}:InputPerMillion is {price.InputPerMillion}; a price cannot be negative (set {Prefix}Prices__{model}__InputPerMillion to US dollars per million input tokens).";
            }

            if (price.OutputPerMillion < 0)
            {
                yield return $"Orchestrator:Model:Prices:{model}:OutputPerMillion is {price.OutputPerMillion}; a price cannot be negative (set {Prefix}Prices__{model}__OutputPerMillion to US dollars per million output tokens).";
            }
        }
    }
}
