namespace Orchestrator.ModelAccess;

/// <summary>A model's price in US dollars per million tokens, read in (prompt) and written out (completion).</summary>
public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }
}

/// <summary>
/// What model calls cost, from the price table under <c>Orchestrator:Model:Prices:&lt;model&gt;</c>. A call is priced by the
/// model that answered it, else by the configured model: providers answer with a dated version of the name asked for
/// (<c>gpt-4o-mini</c> answers as <c>gpt-4o-mini-2024-07-18</c>). The simulator costs nothing whatever the table says;
/// a model the table does not name is not priced (cost zero, <see cref="IsPriced"/> false).
/// </summary>
public sealed class ModelPricing
{
    private const decimal Million = 1_000_000m;
    private readonly Dictionary<string, ModelPrice> _prices;
    private readonly string _configuredModel;

    public ModelPricing(string provider, string configuredModel, IReadOnlyDictionary<string, ModelPrice> prices)
    {
        Simulated = provider == ModelProviders.Simulator;
        _configuredModel = configuredModel.Trim();
        _prices = new Dictionary<string, ModelPrice>(prices.Where(p => p.Value is not null), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when the model is the simulator, whose calls are free.</summary>
    public bool Simulated { get; }

    public static ModelPricing From(ModelOptions options) => new(options.ProviderName, options.ModelName, options.Prices);

    /// <summary>True when a call answered by <paramref name="model"/> has a price (never for the simulator).</summary>
    public bool IsPriced(string model) => PriceOf(model) is not null;

    /// <summary>The cost in US dollars of one call that read <paramref name="inputTokens"/> and wrote <paramref name="outputTokens"/>.</summary>
    public decimal Cost(string model, long inputTokens, long outputTokens)
    {
        if (PriceOf(model) is not { } price)
        {
            return 0m;
        }

        return (Math.Max(inputTokens, 0) * price.InputPerMillion + Math.Max(outputTokens, 0) * price.OutputPerMillion) / Million;
    }

    /// <summary>The cost in US dollars of the call <paramref name="usage"/> measured.</summary>
    public decimal Cost(ModelUsage usage) => Cost(usage.Model, usage.PromptTokens, usage.CompletionTokens);

    private ModelPrice? PriceOf(string model)
    {
        if (Simulated)
        {
            return null;
        }

        return _prices.TryGetValue(model.Trim(), out var price) || _prices.TryGetValue(_configuredModel, out price) ? price : null;
    }
}
