using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Prompts;

namespace Microsoft.Extensions.Hosting;

public static class PromptClientExtensions
{
    /// <summary>Registers <see cref="IPromptClient"/>, which resolves prompts from PromptAnalytics and falls back to the built-ins.</summary>
    public static IHostApplicationBuilder AddPromptClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PromptClientOptions>().Bind(builder.Configuration.GetSection(PromptClientOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(HttpPromptClient.HttpClientName, (services, client) =>
            client.BaseAddress = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PromptClientOptions>>().Value.BaseAddress);
        builder.Services.TryAddSingleton<IPromptClient, HttpPromptClient>();
        return builder;
    }
}
