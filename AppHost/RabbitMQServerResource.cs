using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Orchestrator.AppHost;

/// <summary>A RabbitMQ node of its own (own node name, ports, files and epmd) run from the Debian package; guest connects from loopback.</summary>
public sealed class RabbitMQServerResource(string name, string command, string baseDirectory, int port)
    : ExecutableResource(name, command, baseDirectory), IResourceWithConnectionString
{
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public int Port { get; } = port;

    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{AmqpUri.ToString()}");
}

public static class RabbitMQServerResourceExtensions
{
    /// <summary>
    /// The <c>rabbitmq</c> resource: the broker named by <c>ConnectionStrings:rabbitmq</c> when one is configured, else a
    /// local node with its data under the state directory, started after its own epmd. Healthy once an AMQP connection opens.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQServer(
        this IDistributedApplicationBuilder builder, string name, AppHostSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }

        if (!File.Exists(RabbitMQServerResource.ServerScript))
        {
            throw new InvalidOperationException(
                $"RabbitMQ was not found ({RabbitMQServerResource.ServerScript} is missing). Install it (apt-get install -y rabbitmq-server, " +
                "or run ./run.sh which does it), or point the AppHost at an existing broker with ConnectionStrings__rabbitmq.");
        }

        var baseDirectory = Path.Combine(settings.StateDirectory, "rabbitmq");
        var port = settings.PortOf("RabbitMQ:Port", 55672);
        var epmdPort = settings.PortOf("RabbitMQ:EpmdPort", 55692);
        var epmd = builder.AddErlangPortMapper($"{name}-epmd", epmdPort, baseDirectory);

        var resource = new RabbitMQServerResource(name, RabbitMQServerResource.ServerScript, baseDirectory, port);
        var healthKey = $"{name}-accepts-amqp";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => CheckAmqpAsync(resource, ct));

        var environment = WriteConfiguration(baseDirectory);
        environment["RABBITMQ_NODENAME"] = $"orchestrator{port}@localhost";
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = port.ToString();
        // The default distribution port (AMQP port + 20000) can be out of range; and it listens everywhere unless told.
        environment["RABBITMQ_DIST_PORT"] = settings.PortOf("RabbitMQ:DistributionPort", 55682).ToString();
        environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        environment["ERL_EPMD_PORT"] = epmdPort.ToString();
        environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";

        var rabbit = builder.AddResource(resource)
            .WithHealthCheck(healthKey)
            .WithIconName("Mail")
            .WaitFor(epmd)
            .WithParentRelationship(epmd);
        foreach (var (key, value) in environment)
        {
            rabbit.WithEnvironment(key, value);
        }

        return rabbit;
    }

    private static async Task<HealthCheckResult> CheckAmqpAsync(RabbitMQServerResource broker, CancellationToken ct)
    {
        try
        {
            var factory = new ConnectionFactory
            {
                Uri = broker.AmqpUri,
                AutomaticRecoveryEnabled = false,
                TopologyRecoveryEnabled = false,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                ClientProvidedName = "orchestrator-apphost-health",
            };
            await using var connection = await factory.CreateConnectionAsync(ct);
            return connection.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The AMQP connection closed at once.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ on port {broker.Port} does not accept AMQP yet: {e.Message}");
        }
    }

    /// <summary>Writes the node's configuration files and returns the environment that points the node at its directories.</summary>
    private static Dictionary<string, string> WriteConfiguration(string baseDirectory)
    {
        var home = Path.Combine(baseDirectory, "home");
        var config = Path.Combine(baseDirectory, "config");
        foreach (var directory in new[] { home, config, Path.Combine(baseDirectory, "mnesia"), Path.Combine(baseDirectory, "log") })
        {
            Directory.CreateDirectory(directory);
        }

        WriteIfChanged(Path.Combine(config, "rabbitmq.conf"), """
            # Written by the Orchestrator AppHost. guest may connect from loopback only (the default, stated here).
            loopback_users.guest = true
            log.console = true
            log.console.level = info
            log.file = false
            """);
        WriteIfChanged(Path.Combine(config, "rabbitmq-env.conf"), "# Everything is set through the environment by the AppHost.\n");
        WriteIfChanged(Path.Combine(config, "enabled_plugins"), "[].\n");

        return new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(config, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(config, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(config, "rabbitmq-env.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(config, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(baseDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(baseDirectory, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_PID_FILE"] = Path.Combine(baseDirectory, "rabbitmq.pid"),
        };
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }
    }
}
