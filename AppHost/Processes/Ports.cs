using System.Net;
using System.Net.Sockets;

namespace Orchestrator.AppHost.Processes;

/// <summary>Loopback port checks.</summary>
public static class Ports
{
    /// <summary>
    /// True when nothing listens on the loopback <paramref name="port"/>. Probed by connecting rather than
    /// binding: a bind also fails on connections left in TIME_WAIT, which do not stop a server from starting.
    /// </summary>
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

    /// <summary>A port that was free a moment ago, chosen by the kernel.</summary>
    public static int GetFree()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Waits until the port can be bound again (a stopped server's socket closes asynchronously).</summary>
    public static async Task<bool> WaitUntilFreeAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!IsFree(port))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
