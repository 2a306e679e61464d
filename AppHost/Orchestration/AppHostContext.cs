namespace Orchestrator.AppHost.Orchestration;

/// <summary>What launchers need to know about the running AppHost.</summary>
internal sealed class AppHostContext(AppHostSettings settings, int processId)
{
    public AppHostSettings Settings { get; } = settings;

    /// <summary>Given to projects as <c>ORCHESTRATOR_PARENT_PID</c> so they exit if the AppHost dies.</summary>
    public int ProcessId { get; } = processId;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>The dotnet host running this process, so projects run on the same runtime.</summary>
    public string DotnetHost { get; } = FindDotnetHost();

    /// <summary>Reads the AppHost's own environment (for variables passed through to projects).</summary>
    public Func<string, string?> HostEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {start} holds Orchestrator.sln; set Orchestrator:RepositoryRoot.");
    }

    private static string FindDotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return fromSdk is not null && File.Exists(fromSdk) ? fromSdk : "dotnet";
    }
}
