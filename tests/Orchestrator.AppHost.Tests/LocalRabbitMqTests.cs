using System.Text;
using Orchestrator.AppHost.Local;
using Orchestrator.AppHost.Processes;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Orchestrator.AppHost.Tests;

/// <summary>Runs a real RabbitMQ node with its own epmd in a temporary directory on free ports.</summary>
public sealed class LocalRabbitMqTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("apphost-mq-");

    [Fact]
    public async Task Starts_carries_messages_and_leaves_no_process_or_port_behind_when_disposed()
    {
        var options = new LocalRabbitMqOptions
        {
            BaseDirectory = _root.FullName,
            Port = Ports.GetFree(),
            DistributionPort = Ports.GetFree(),
            EpmdPort = Ports.GetFree(),
            NodeName = $"apphost-tests-{Environment.ProcessId}@localhost",
            Output = line => output.WriteLine(line),
        };
        int pid;
        await using (var broker = await LocalRabbitMq.StartAsync(options, CancellationToken.None))
        {
            pid = broker.ProcessId;
            Assert.Equal($"amqp://guest:guest@127.0.0.1:{options.Port}/", broker.AmqpUri.ToString());
            Assert.False(Ports.IsFree(options.EpmdPort));
            Assert.Equal(["127.0.0.1"], ListeningAddresses(options.Port));
            Assert.Equal(["127.0.0.1"], ListeningAddresses(options.DistributionPort));
            Assert.Equal("hello", await RoundTripAsync(broker.AmqpUri, "hello"));
        }

        Assert.False(Libc.ProcessExists(pid));
        Assert.False(Libc.ProcessGroupExists(pid));
        Assert.True(Ports.IsFree(options.Port));
        Assert.True(Ports.IsFree(options.DistributionPort));
        Assert.True(Ports.IsFree(options.EpmdPort), "the node's private epmd is still listening");
        Assert.False(await LocalRabbitMq.IsHealthyAsync(new Uri($"amqp://guest:guest@127.0.0.1:{options.Port}/"), CancellationToken.None));
    }

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>The local addresses listening on <paramref name="port"/>, from the kernel's socket tables.</summary>
    private static List<string> ListeningAddresses(int port)
    {
        const string listen = "0A";
        var suffix = ":" + port.ToString("X4");
        var v4 = File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] == listen && fields[1].EndsWith(suffix, StringComparison.Ordinal))
            .Select(fields => new System.Net.IPAddress(Convert.ToUInt32(fields[1][..8], 16)).ToString());
        var v6 = File.ReadLines("/proc/net/tcp6").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] == listen && fields[1].EndsWith(suffix, StringComparison.Ordinal))
            .Select(fields => "ipv6 " + fields[1][..32]);
        return v4.Concat(v6).ToList();
    }

    private static async Task<string> RoundTripAsync(Uri amqpUri, string text)
    {
        await using var connection = await LocalRabbitMq.OpenConnectionAsync(amqpUri, "apphost-tests", CancellationToken.None);
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(exclusive: true);
        await channel.BasicPublishAsync(string.Empty, queue.QueueName, Encoding.UTF8.GetBytes(text));
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await channel.BasicGetAsync(queue.QueueName, autoAck: true) is { } message)
            {
                return Encoding.UTF8.GetString(message.Body.Span);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The published message never arrived.");
    }
}
