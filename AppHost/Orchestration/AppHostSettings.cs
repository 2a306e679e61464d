using System.Reflection;

namespace Orchestrator.AppHost.Orchestration;

/// <summary>The AppHost's own settings, read once from configuration.</summary>
public sealed record AppHostSettings
{
    public required string RepositoryRoot { get; init; }

    /// <summary><c>Orchestrator:StateDirectory</c>: data of the local servers and the instance lock (default <c>&lt;repo&gt;/.orchestrator</c>).</summary>
    public required string StateDirectory { get; init; }

    /// <summary><c>Orchestrator:Dashboard:Port</c> (default 18888).</summary>
    public int DashboardPort { get; init; } = 18888;

    /// <summary><c>Orchestrator:StartupTimeoutSeconds</c>: how long a resource may take to become healthy once started (default 120 s).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The build configuration projects are run from: the one this AppHost was built with.</summary>
    public string BuildConfiguration { get; init; } = "Debug";

    public static AppHostSettings From(IConfiguration configuration, string repositoryRoot) => new()
    {
        RepositoryRoot = repositoryRoot,
        StateDirectory = Path.GetFullPath(configuration["Orchestrator:StateDirectory"] ?? Path.Combine(repositoryRoot, ".orchestrator")),
        DashboardPort = configuration.GetValue("Orchestrator:Dashboard:Port", 18888),
        StartupTimeout = TimeSpan.FromSeconds(configuration.GetValue("Orchestrator:StartupTimeoutSeconds", 120.0)),
        BuildConfiguration = typeof(AppHostSettings).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
    };
}
