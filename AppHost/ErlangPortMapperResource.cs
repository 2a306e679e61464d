using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orchestrator.AppHost;

/// <summary>
/// A private epmd (Erlang port mapper) for the RabbitMQ node. Run as a resource of its own: left to itself, the node
/// would start <c>epmd -daemon</c>, which leaves the process tree and outlives the AppHost.
/// </summary>
public sealed class ErlangPortMapperResource(string name, string workingDirectory, int port)
    : ExecutableResource(name, "/usr/bin/epmd", workingDirectory)
{
    public int Port { get; } = port;
}

public static class ErlangPortMapperResourceExtensions
{
    /// <summary>An epmd on 127.0.0.1 at the given port; healthy once it accepts a connection.</summary>
    public static IResourceBuilder<ErlangPortMapperResource> AddErlangPortMapper(
        this IDistributedApplicationBuilder builder, string name, int port, string workingDirectory)
    {
        Directory.CreateDirectory(workingDirectory);
        var healthKey = $"{name}-listens";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, async ct =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException e)
            {
                return HealthCheckResult.Unhealthy($"epmd does not listen on port {port} yet: {e.Message}");
            }
        });

        return builder.AddResource(new ErlangPortMapperResource(name, workingDirectory, port))
            .WithArgs("-port", port.ToString(), "-address", "127.0.0.1")
            .WithEnvironment("ERL_EPMD_PORT", port.ToString())
            .WithHealthCheck(healthKey);
    }
}
