using System.Xml.Linq;
using Orchestrator.AppHost.Hosting;
using Orchestrator.AppHost.Local;
using Orchestrator.AppHost.Processes;
using RabbitMQ.Client;

namespace Orchestrator.AppHost.Orchestration;

/// <summary>Starts one kind of resource and checks its health.</summary>
internal interface IResourceLauncher
{
    /// <summary>Starts the resource; returns once its process runs (the local servers: once they accept connections).</summary>
    Task<IRunningResource> StartAsync(Action<string> output, CancellationToken cancellationToken);

    /// <summary>One health probe; never throws.</summary>
    Task<bool> CheckHealthAsync(CancellationToken cancellationToken);
}

/// <summary>A started resource; disposing it stops it.</summary>
internal interface IRunningResource : IAsyncDisposable
{
    int? ProcessId { get; }

    /// <summary>Completes with the exit code when the process ends; never, for a server the AppHost did not start.</summary>
    Task<int> Exited { get; }
}

internal sealed class RunningResource(int? processId, Task<int> exited, Func<ValueTask> stop) : IRunningResource
{
    public int? ProcessId { get; } = processId;

    public Task<int> Exited { get; } = exited;

    public ValueTask DisposeAsync() => stop();

    /// <summary>A server configured from outside: nothing to start or stop.</summary>
    public static RunningResource External() => new(null, new TaskCompletionSource<int>().Task, () => ValueTask.CompletedTask);
}

internal sealed class PostgresLauncher(PostgresServerResource resource, AppHostContext context) : IResourceLauncher
{
    public async Task<IRunningResource> StartAsync(Action<string> output, CancellationToken cancellationToken)
    {
        if (resource.ConfiguredConnectionString is not null)
        {
            output($"using the configured server (ConnectionStrings:{resource.Name}); nothing to start");
            return RunningResource.External();
        }

        var server = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(context.Settings.StateDirectory, "postgres"),
            SocketDirectory = Path.Combine(context.Settings.StateDirectory, "postgres-socket"),
            Port = resource.Port,
            Database = resource.DatabaseName,
            Output = output,
        }, cancellationToken);
        return new RunningResource(server.ProcessId, server.Exited, server.DisposeAsync);
    }

    public Task<bool> CheckHealthAsync(CancellationToken cancellationToken) =>
        LocalPostgres.IsHealthyAsync(resource.ConnectionString, cancellationToken);
}

/// <summary>Checks broker health over one long-lived AMQP connection, so steady-state probes do not fill the broker's log.</summary>
internal sealed class RabbitMQLauncher(RabbitMQServerResource resource, AppHostContext context) : IResourceLauncher
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _probe;

    public async Task<IRunningResource> StartAsync(Action<string> output, CancellationToken cancellationToken)
    {
        if (resource.ConfiguredConnectionString is not null)
        {
            output($"using the configured broker (ConnectionStrings:{resource.Name}); nothing to start");
            return new RunningResource(null, new TaskCompletionSource<int>().Task, CloseProbeAsync);
        }

        var broker = await LocalRabbitMq.StartAsync(new LocalRabbitMqOptions
        {
            BaseDirectory = Path.Combine(context.Settings.StateDirectory, "rabbitmq"),
            Port = resource.Port,
            DistributionPort = resource.DistributionPort,
            EpmdPort = resource.EpmdPort,
            Output = output,
        }, cancellationToken);
        return new RunningResource(broker.ProcessId, broker.Exited, async () =>
        {
            await CloseProbeAsync();
            await broker.DisposeAsync();
        });
    }

    public async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_probe is { IsOpen: true })
            {
                return true;
            }

            if (_probe is not null)
            {
                await _probe.DisposeAsync();
                _probe = null;
            }

            _probe = await LocalRabbitMq.OpenConnectionAsync(new Uri(resource.ConnectionString), "orchestrator-apphost-health", cancellationToken);
            return _probe.IsOpen;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask CloseProbeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_probe is not null)
            {
                await _probe.CloseAsync(TimeSpan.FromSeconds(2));
                await _probe.DisposeAsync();
                _probe = null;
            }
        }
        catch (Exception)
        {
            _probe = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Runs a project's build output with <c>dotnet &lt;assembly&gt;.dll</c> in the project's folder.</summary>
internal sealed class ProjectLauncher(ProjectResource resource, AppHostContext context) : IResourceLauncher
{
    /// <summary>How long a project gets to exit after SIGTERM before its process group is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public Task<IRunningResource> StartAsync(Action<string> output, CancellationToken cancellationToken)
    {
        var projectFile = Path.Combine(context.Settings.RepositoryRoot, resource.ProjectPath);
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var assembly = Path.Combine(projectDirectory, "bin", context.Settings.BuildConfiguration, TargetFramework, AssemblyName(projectFile) + ".dll");
        if (!File.Exists(assembly))
        {
            throw new PrerequisiteMissingException(
                $"{Path.GetRelativePath(context.Settings.RepositoryRoot, assembly)} does not exist: build the solution first " +
                $"(dotnet build Orchestrator.sln -c {context.Settings.BuildConfiguration}).");
        }

        if (resource.HttpPort is { } port && !Ports.IsFree(port))
        {
            throw new InvalidOperationException($"port {port} on 127.0.0.1 is already in use by another process.");
        }

        var environment = ProjectEnvironment.Create(resource, context.ProcessId, context.HostEnvironment)
            .ToDictionary(pair => pair.Key, string? (pair) => pair.Value);
        var process = ChildProcess.Start(new ChildProcessOptions
        {
            FileName = context.DotnetHost,
            Arguments = [assembly],
            WorkingDirectory = projectDirectory,
            Environment = environment,
            Output = output,
        });
        IRunningResource running = new RunningResource(process.Id, process.Exited, async () =>
        {
            await process.StopAsync(Libc.SigTerm, StopGrace);
            await process.DisposeAsync();
        });
        return Task.FromResult(running);
    }

    public async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (resource.HttpEndpoint is not { } endpoint)
        {
            return true;
        }

        try
        {
            using var response = await context.Http.GetAsync(new Uri(endpoint, "/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>This AppHost's target framework (net10.0): the projects build for the same one.</summary>
    private static string TargetFramework { get; } =
        "net" + new System.Runtime.Versioning.FrameworkName(AppContext.TargetFrameworkName!).Version.ToString(2);

    private static string AssemblyName(string projectFile)
    {
        var declared = XDocument.Load(projectFile).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault();
        return string.IsNullOrEmpty(declared) || declared.Contains("$(", StringComparison.Ordinal)
            ? Path.GetFileNameWithoutExtension(projectFile)
            : declared;
    }
}
