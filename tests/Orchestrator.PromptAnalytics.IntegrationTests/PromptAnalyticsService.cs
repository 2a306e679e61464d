extern alias promptanalytics;

using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>PromptAnalytics on real Kestrel with its own database, restartable on the same database.</summary>
public sealed class PromptAnalyticsService : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private ServiceHost<promptanalytics::Program> _host;

    private PromptAnalyticsService(Dictionary<string, string?> settings)
    {
        _settings = settings;
        _host = new ServiceHost<promptanalytics::Program>(settings);
        Client = _host.StartClient();
    }

    public HttpClient Client { get; private set; }

    public Uri BaseAddress => _host.BaseAddress;

    public IServiceProvider Services => _host.Services;

    public static async Task<PromptAnalyticsService> StartAsync(InfrastructureFixture fixture, string prefix, IReadOnlyDictionary<string, string?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await fixture.Infrastructure.CreateDatabaseAsync(prefix),
            ["ConnectionStrings:rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new PromptAnalyticsService(settings);
    }

    /// <summary>Stops the service and starts a new instance on the same database, as after a crash or a deployment.</summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        _host = new ServiceHost<promptanalytics::Program>(_settings);
        Client = _host.StartClient();
    }

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        await EnsureSuccessAsync(response);
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }

    public async Task<T> PostAsync<T>(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, ApiJson.Options);
        await EnsureSuccessAsync(response);
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
