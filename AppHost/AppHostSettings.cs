using Microsoft.Extensions.Configuration;

namespace Orchestrator.AppHost;

/// <summary>The AppHost's own settings (configuration keys under <c>Orchestrator:</c>; as environment variables <c>Orchestrator__…</c>).</summary>
public sealed class AppHostSettings(IConfiguration configuration, string repositoryRoot)
{
    public string RepositoryRoot { get; } = repositoryRoot;

    /// <summary><c>Orchestrator:StateDirectory</c>: data of the local servers and the instance lock (default <c>&lt;repo&gt;/.orchestrator</c>).</summary>
    public string StateDirectory { get; } =
        Path.GetFullPath(configuration["Orchestrator:StateDirectory"] is { Length: > 0 } state ? state : Path.Combine(repositoryRoot, ".orchestrator"));

    /// <summary><c>Orchestrator:ServersOnly</c>: only PostgreSQL and RabbitMQ (for tests and benchmarks that host the services themselves).</summary>
    public bool ServersOnly { get; } = configuration.GetValue("Orchestrator:ServersOnly", false);

    /// <summary><c>Orchestrator:{key}</c> as a port, e.g. <c>Orchestrator:Gateway:Port</c>.</summary>
    public int PortOf(string key, int defaultPort) => configuration.GetValue($"Orchestrator:{key}", defaultPort);

    /// <summary>How many instances of a service run: <c>Orchestrator:{service}:Replicas</c>, else <c>Orchestrator:Replicas</c>, else 1.</summary>
    public int ReplicasOf(string service) =>
        Math.Max(1, configuration.GetValue<int?>($"Orchestrator:{service}:Replicas") ?? configuration.GetValue("Orchestrator:Replicas", 1));

    public static AppHostSettings From(IDistributedApplicationBuilder builder) =>
        new(builder.Configuration, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..")));
}
