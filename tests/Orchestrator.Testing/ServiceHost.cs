using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Orchestrator.Testing;

/// <summary>Runs a service in this process on a real Kestrel port, configured like the AppHost configures it.</summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public ServiceHost(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Port = Ports.GetFree();
        // The port goes in as the server's URL rather than through UseKestrel(port): with a top-level-statement
        // entry point the app's own Run() may start Kestrel before the factory gets to rewrite its addresses.
        UseKestrel();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts the server and returns a client that talks to it over real HTTP.</summary>
    public HttpClient StartClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = BaseAddress };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseUrls(BaseAddress.ToString());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
