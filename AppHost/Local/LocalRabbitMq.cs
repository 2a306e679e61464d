using Orchestrator.AppHost.Processes;
using RabbitMQ.Client;

namespace Orchestrator.AppHost.Local;

/// <summary>Where and how to run a private RabbitMQ node.</summary>
public sealed record LocalRabbitMqOptions
{
    /// <summary>Holds the node's HOME (Erlang cookie), configuration, Mnesia database and logs; kept across runs.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The AMQP port.</summary>
    public int Port { get; init; } = 55672;

    /// <summary>The Erlang distribution port (must be set: the default, AMQP port + 20000, can be out of range).</summary>
    public int DistributionPort { get; init; } = 55682;

    /// <summary>The port of the node's private epmd (Erlang port mapper), so it never meets a system-wide one.</summary>
    public int EpmdPort { get; init; } = 55692;

    public string NodeName { get; init; } = "orchestrator@localhost";

    /// <summary>Receives the broker's log lines.</summary>
    public Action<string>? Output { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

/// <summary>
/// A RabbitMQ node of its own (own node name, ports, epmd and files) run from the locally installed
/// rabbitmq-server as a foreground child; the guest user may connect from loopback.
/// </summary>
public sealed class LocalRabbitMq : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly ChildProcess _process;
    private readonly LocalRabbitMqOptions _options;

    private LocalRabbitMq(ChildProcess process, LocalRabbitMqOptions options)
    {
        _process = process;
        _options = options;
        AmqpUri = CreateAmqpUri(options.Port);
    }

    /// <summary><c>amqp://guest:guest@127.0.0.1:PORT/</c>.</summary>
    public Uri AmqpUri { get; }

    public int ProcessId => _process.Id;

    /// <summary>Completes when the broker process ends.</summary>
    public Task<int> Exited => _process.Exited;

    public static Uri CreateAmqpUri(int port) => new($"amqp://guest:guest@127.0.0.1:{port}/");

    /// <summary>Starts the node and returns once it accepts AMQP connections (about 6–8 s).</summary>
    public static async Task<LocalRabbitMq> StartAsync(LocalRabbitMqOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(ServerScript))
        {
            throw new PrerequisiteMissingException(
                $"RabbitMQ was not found ({ServerScript} is missing). Install it (apt-get install -y rabbitmq-server, " +
                "or run ./run.sh which does it), or point the AppHost at an existing broker with ConnectionStrings__rabbitmq.");
        }

        var baseDirectory = Path.GetFullPath(options.BaseDirectory);
        var environment = CreateEnvironment(options, baseDirectory);
        await StopOrphanAsync(options, environment["RABBITMQ_PID_FILE"]!, cancellationToken);
        foreach (var (port, use) in new[] { (options.Port, "AMQP"), (options.DistributionPort, "distribution"), (options.EpmdPort, "epmd") })
        {
            if (!Ports.IsFree(port))
            {
                throw new InvalidOperationException($"RabbitMQ cannot start: its {use} port {port} on 127.0.0.1 is already in use by another process.");
            }
        }

        var process = ChildProcess.Start(new ChildProcessOptions
        {
            FileName = ServerScript,
            WorkingDirectory = baseDirectory,
            Environment = environment,
            Output = options.Output,
        });
        var broker = new LocalRabbitMq(process, options);
        try
        {
            await broker.WaitUntilReadyAsync(cancellationToken);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when an AMQP connection opens.</summary>
    public static async Task<bool> IsHealthyAsync(Uri amqpUri, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(amqpUri, "orchestrator-apphost-health", cancellationToken);
            return connection.IsOpen;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>An AMQP connection without automatic recovery, for health checks.</summary>
    public static Task<IConnection> OpenConnectionAsync(Uri amqpUri, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = amqpUri,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            ClientProvidedName = clientName,
        };
        return factory.CreateConnectionAsync(cancellationToken);
    }

    /// <summary>SIGTERM (the start script stops the node gracefully, about 1 s), then the private epmd.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(Libc.SigTerm, TimeSpan.FromSeconds(20));
        await _process.DisposeAsync();
        await StopEpmdAsync(_options.EpmdPort);
        foreach (var port in new[] { _options.Port, _options.DistributionPort, _options.EpmdPort })
        {
            await Ports.WaitUntilFreeAsync(port, TimeSpan.FromSeconds(5));
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (!await IsHealthyAsync(AmqpUri, cancellationToken))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"RabbitMQ exited with code {_process.Exited.Result} while starting; its log above says why.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"RabbitMQ did not accept AMQP connections on port {_options.Port} within {_options.StartTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static Dictionary<string, string?> CreateEnvironment(LocalRabbitMqOptions options, string baseDirectory)
    {
        var home = Path.Combine(baseDirectory, "home");
        var config = Path.Combine(baseDirectory, "config");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(config);
        Directory.CreateDirectory(Path.Combine(baseDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(baseDirectory, "log"));
        WriteIfChanged(Path.Combine(config, "rabbitmq.conf"), """
            # Written by the Orchestrator AppHost. guest may connect from loopback only (the default, stated here).
            loopback_users.guest = true
            log.console = true
            log.console.level = info
            log.file = false
            """);
        WriteIfChanged(Path.Combine(config, "rabbitmq-env.conf"), "# Everything is set through the environment by the AppHost.\n");
        WriteIfChanged(Path.Combine(config, "enabled_plugins"), "[].\n");

        return new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = options.NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = options.Port.ToString(),
            ["RABBITMQ_DIST_PORT"] = options.DistributionPort.ToString(),
            // Erlang distribution listens on every interface unless told otherwise.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_PORT"] = options.EpmdPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(config, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(config, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(config, "rabbitmq-env.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(config, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(baseDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(baseDirectory, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_PID_FILE"] = Path.Combine(baseDirectory, "rabbitmq.pid"),
            ["RABBITMQ_ALLOW_INPUT"] = null,
        };
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }
    }

    /// <summary>A node (and its epmd) left running by an AppHost that was killed: stop them before starting anew.</summary>
    private static async Task StopOrphanAsync(LocalRabbitMqOptions options, string pidFile, CancellationToken cancellationToken)
    {
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && IsErlang(pid))
        {
            Libc.SendSignal(pid, Libc.SigTerm);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (Libc.ProcessExists(pid) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }

            Libc.SendSignal(pid, Libc.SigKill);
        }

        if (!Ports.IsFree(options.EpmdPort))
        {
            await StopEpmdAsync(options.EpmdPort);
        }
    }

    private static bool IsErlang(int pid)
    {
        try
        {
            return Libc.ProcessExists(pid) && File.ReadAllText($"/proc/{pid}/comm").Trim().StartsWith("beam", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The node's epmd daemonises itself out of the node's process group, so it is stopped on its own:
    /// politely with <c>epmd -kill</c>, then by signal to whichever epmd serves that port.
    /// </summary>
    private static async Task StopEpmdAsync(int epmdPort)
    {
        try
        {
            await ChildProcess.RunAsync(new ChildProcessOptions
            {
                FileName = "epmd",
                Arguments = ["-port", epmdPort.ToString(), "-kill"],
                Environment = new Dictionary<string, string?> { ["ERL_EPMD_PORT"] = epmdPort.ToString() },
            }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            // Fall through to the signal below.
        }

        if (await Ports.WaitUntilFreeAsync(epmdPort, TimeSpan.FromSeconds(2)))
        {
            return;
        }

        foreach (var pid in FindEpmdProcesses(epmdPort))
        {
            Libc.SendSignal(pid, Libc.SigKill);
        }
    }

    private static IEnumerable<int> FindEpmdProcesses(int epmdPort)
    {
        var portSetting = $"ERL_EPMD_PORT={epmdPort}";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string comm, cmdline, environment;
            try
            {
                comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                if (comm != "epmd")
                {
                    continue;
                }

                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                environment = File.ReadAllText(Path.Combine(dir, "environ"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (environment.Split('\0').Contains(portSetting) || cmdline.Contains($"-port {epmdPort}", StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }
}
