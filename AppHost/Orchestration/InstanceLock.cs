using Orchestrator.AppHost.Processes;

namespace Orchestrator.AppHost.Orchestration;

/// <summary>Another AppHost holds the state directory.</summary>
public sealed class InstanceLockedException(string message) : Exception(message);

/// <summary>
/// Only one AppHost per state directory: an exclusive lock on <c>apphost.lock</c> (holding our pid), which
/// the kernel releases when the process ends, however it ends.
/// </summary>
internal sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream)
    {
        _stream = stream;
    }

    public static InstanceLock Acquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var owner = Libc.ReadUnlocked(path)?.Trim();
            var who = string.IsNullOrEmpty(owner) ? "another AppHost" : $"another AppHost (pid {owner})";
            throw new InstanceLockedException(
                $"Cannot start: {who} is already running with state directory {Path.GetDirectoryName(path)}. " +
                "Stop it first (Ctrl+C in its terminal), or give this one its own Orchestrator:StateDirectory and ports.");
        }

        stream.SetLength(0);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            writer.Write(Environment.ProcessId);
        }

        stream.Flush(flushToDisk: true);
        return new InstanceLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
