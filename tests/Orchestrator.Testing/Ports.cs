using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Testing;

/// <summary>Loopback ports for servers that tests start.</summary>
public static class Ports
{
    /// <summary>True when nothing listens on the loopback <paramref name="port"/> (probed by connecting: a bind also fails on sockets in TIME_WAIT).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>A port that was free a moment ago, chosen by the kernel (from the ephemeral range: for servers started at once).</summary>
    public static int GetFree()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// Distinct free ports below the ephemeral range (32768–60999), where the kernel hands out no outgoing
    /// connection's port while a slow server (RabbitMQ takes seconds) gets round to binding them.
    /// </summary>
    public static int[] GetFreeBelowEphemeral(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            var candidate = Random.Shared.Next(20000, 32000);
            if (!ports.Contains(candidate) && IsFree(candidate) && CanBind(candidate))
            {
                ports.Add(candidate);
            }
        }

        return [.. ports];
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
