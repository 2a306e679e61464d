using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.ModelAccess.Tests;

/// <summary>A generic host with only <c>AddModelAccess</c>, configured like a service would be.</summary>
public sealed class ModelHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ModelHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IChatModel Model => Services.GetRequiredService<IChatModel>();

    public static async Task<ModelHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddModelAccess();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ModelHost(host);
    }

    public static Task<ModelHost> ForSimulatorAsync(Uri simulator) =>
        StartAsync(new Dictionary<string, string?> { ["services:modelsim:http:0"] = simulator.ToString().TrimEnd('/') });

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
