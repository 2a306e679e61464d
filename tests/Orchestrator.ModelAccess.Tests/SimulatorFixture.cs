extern alias modelsim;

using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.ModelAccess.Tests;

/// <summary>The model simulator on a real Kestrel port, shared by a test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private ServiceHost<modelsim::Program>? _host;

    public Uri BaseAddress => _host!.BaseAddress;

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _host = new ServiceHost<modelsim::Program>(new Dictionary<string, string?>());
        Client = _host.StartClient();
        return Task.CompletedTask;
    }

    /// <summary>Makes the simulator's next <paramref name="count"/> calls fail with <paramref name="fail"/> (error, unavailable, malformed, truncate).</summary>
    public async Task ScriptAsync(string? fail, int count = 1, int? tokenLatencyMs = null)
    {
        using var response = await Client.PostAsJsonAsync("/v1/_faults", new { fail, count, tokenLatencyMs });
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
