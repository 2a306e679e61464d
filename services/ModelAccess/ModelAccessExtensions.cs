using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orchestrator.ModelAccess;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers model access for a service.</summary>
public static class ModelAccessExtensions
{
    /// <summary>Adds <see cref="IChatModel"/>, <see cref="ITokenCounter"/>, <see cref="ModelPricing"/> and <see cref="ModelProviderInfo"/> from <c>Orchestrator:Model:*</c>, validated when the host starts.</summary>
    public static IHostApplicationBuilder AddModelAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ModelOptions>()
            .Bind(builder.Configuration.GetSection(ModelOptions.SectionName))
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                // The binder skips a price it cannot read; the validator names it instead of letting it cost nothing.
                foreach (var model in configuration.GetSection(ModelOptions.SectionName + ":Prices").GetChildren())
                {
                    foreach (var price in model.GetChildren().Where(p => p.Value is not null && !decimal.TryParse(p.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)))
                    {
                        options.UnreadablePrices.Add($"{model.Key}:{price.Key}");
                    }
                }

                if (options.ProviderName == ModelProviders.Simulator && string.IsNullOrWhiteSpace(options.Endpoint))
                {
                    options.Endpoint = configuration[ModelOptions.SimulatorDiscoveryKey] is { Length: > 0 } discovered ? discovered : ModelOptions.DefaultSimulatorEndpoint;
                }
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        builder.Services.TryAddSingleton<ITokenCounter>(sp => TiktokenCounter.ForModel(sp.GetRequiredService<IOptions<ModelOptions>>().Value.ModelName));
        builder.Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            return new ModelProviderInfo(options.ProviderName, options.ModelName, options.ProviderName == ModelProviders.Simulator)
            {
                ContextWindow = options.EffectiveContextWindow,
                Priced = sp.GetRequiredService<ModelPricing>().IsPriced(options.ModelName),
            };
        });
        builder.Services.TryAddSingleton(sp => ModelPricing.From(sp.GetRequiredService<IOptions<ModelOptions>>().Value));
        builder.Services.TryAddSingleton<ModelCallRecorder>();
        builder.Services.TryAddSingleton<IChatModel, SemanticKernelChatModel>();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(ModelTelemetry.SourceName))
            .WithTracing(tracing => tracing.AddSource(ModelTelemetry.SourceName));
        return builder;
    }
}
