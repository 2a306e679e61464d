using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one way a service binds its settings: from a configuration section, checked by their data annotations when the host starts.</summary>
public static class Settings
{
    /// <summary>
    /// Binds <typeparamref name="TSettings"/> to <paramref name="section"/>, validates it (data annotations) when the host starts, so a
    /// bad value stops the service with the setting's name, and registers it as itself and as <see cref="IOptions{TOptions}"/>.
    /// Returns the bound settings for what is wired before the host starts.
    /// </summary>
    public static TSettings AddSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TSettings>(this IHostApplicationBuilder builder, string section)
        where TSettings : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TSettings>().Bind(builder.Configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<TSettings>>().Value);
        return builder.Configuration.GetSection(section).Get<TSettings>() ?? new TSettings();
    }
}
