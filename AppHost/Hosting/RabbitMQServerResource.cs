using Orchestrator.AppHost.Local;
using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Hosting;

/// <summary>A RabbitMQ broker: the one configured as <c>ConnectionStrings:&lt;name&gt;</c> if there is one, else a local node the AppHost runs.</summary>
public sealed class RabbitMQServerResource(string name, int port, int distributionPort, int epmdPort, string? configuredConnectionString)
    : Resource(name), IResourceWithConnectionString
{
    public override string Type => "rabbitmq";

    public int Port { get; } = port;

    public int DistributionPort { get; } = distributionPort;

    public int EpmdPort { get; } = epmdPort;

    /// <summary>Set when configuration names an existing broker: then nothing is started.</summary>
    public string? ConfiguredConnectionString { get; } = configuredConnectionString;

    public string ConnectionString => ConfiguredConnectionString ?? LocalRabbitMq.CreateAmqpUri(Port).ToString();

    public override IReadOnlyList<string> Endpoints => ConfiguredConnectionString is null ? [$"amqp://127.0.0.1:{Port}"] : [];

    public override IReadOnlyList<int> Ports => ConfiguredConnectionString is null ? [Port, DistributionPort, EpmdPort] : [];

    internal override IResourceLauncher CreateLauncher(AppHostContext context) => new RabbitMQLauncher(this, context);
}

public static class RabbitMQBuilderExtensions
{
    /// <summary>
    /// Adds a RabbitMQ broker (AMQP port 55672, distribution 55682, epmd 55692; each overridable as
    /// <c>Orchestrator:&lt;name&gt;:Port|DistributionPort|EpmdPort</c>), unless <c>ConnectionStrings:&lt;name&gt;</c> is configured.
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name, int port = 55672) =>
        builder.AddResource(new RabbitMQServerResource(
            name,
            builder.GetPort(name, port),
            builder.GetPort(name, port + 10, "DistributionPort"),
            builder.GetPort(name, port + 20, "EpmdPort"),
            builder.Configuration.GetConnectionString(name)));
}
