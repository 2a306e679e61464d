namespace Orchestrator.Gateway;

public sealed record ServiceHealth(string Name, string Status, string? Detail);

public sealed record SystemHealthView(IReadOnlyList<ServiceHealth> Services);

/// <summary>Asks every service behind the gateway for its readiness, in parallel.</summary>
/// <remarks>Uses its own client without the resilience handler: a health probe must answer fast, not retry.</remarks>
public sealed class SystemHealth(IConfiguration configuration) : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(3) };

    public void Dispose() => _client.Dispose();

    public async Task<SystemHealthView> CheckAsync(CancellationToken ct)
    {
        var checks = GatewayRoutes.Services.Select(async service =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                using var response = await _client.GetAsync(new Uri(new Uri(GatewayRoutes.ServiceAddress(configuration, service)), "/health"), timeout.Token);
                var detail = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(timeout.Token);
                return new ServiceHealth(service, response.IsSuccessStatusCode ? "healthy" : "unhealthy", detail);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                return new ServiceHealth(service, "unhealthy", ex.Message);
            }
        });
        return new SystemHealthView(await Task.WhenAll(checks));
    }
}
