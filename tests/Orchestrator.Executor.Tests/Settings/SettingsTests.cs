using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orchestrator.Executor.Tests.Settings;

/// <summary>Settings are bound one way: a bad value stops the host at start with the setting's name, a good one is what the services get.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("MaxTurns", "0")]
    [InlineData("MaxConcurrency", "-3")]
    [InlineData("ConversationTurnQueue", "")]
    public async Task A_bad_value_stops_the_host_at_start_naming_the_setting(string setting, string value)
    {
        using var host = Build(new() { [$"{ExecutorSettings.SectionName}:{setting}"] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_value_is_what_the_services_get()
    {
        using var host = Build(new() { [$"{ExecutorSettings.SectionName}:MaxTurns"] = "7" });
        await host.StartAsync();

        Assert.Equal(7, host.Services.GetRequiredService<ExecutorSettings>().MaxTurns);
        Assert.Equal(7, host.Services.GetRequiredService<IOptions<ExecutorSettings>>().Value.MaxTurns);
        await host.StopAsync();
    }

    private static IHost Build(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddSettings<ExecutorSettings>(ExecutorSettings.SectionName);
        return builder.Build();
    }
}
