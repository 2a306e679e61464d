using System.Runtime.InteropServices;

namespace Orchestrator.SystemTests;

/// <summary>Signals sent as a crash, the kernel or a terminal would send them.</summary>
internal static partial class Signals
{
    public const int Kill = 9;
    public const int Terminate = 15;

    public static void Send(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
