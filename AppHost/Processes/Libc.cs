using System.Runtime.InteropServices;

namespace Orchestrator.AppHost.Processes;

/// <summary>The few POSIX calls .NET does not expose: sending signals other than SIGKILL, and reading a file another process holds locked.</summary>
internal static partial class Libc
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int ESRCH = 3;
    private const int OpenReadOnly = 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    /// <summary>Sends <paramref name="signal"/> to a process, or to a whole process group when <paramref name="pid"/> is negative. False when no such process exists.</summary>
    public static bool SendSignal(int pid, int signal) =>
        Kill(pid, signal) == 0 || Marshal.GetLastPInvokeError() != ESRCH;

    public static bool ProcessExists(int pid) => pid > 0 && SendSignal(pid, 0);

    public static bool ProcessGroupExists(int pgid) => pgid > 0 && SendSignal(-pgid, 0);

    /// <summary>Reads a small text file without taking the advisory lock that <see cref="FileStream"/> takes (and that would fail while its owner holds it).</summary>
    public static string? ReadUnlocked(string path)
    {
        var fd = Open(path, OpenReadOnly);
        if (fd < 0)
        {
            return null;
        }

        using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        using var stream = new FileStream(handle, FileAccess.Read);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
