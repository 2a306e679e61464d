namespace Orchestrator.AppHost;

/// <summary>
/// One AppHost per state directory: an exclusive lock on <c>apphost.lock</c>, which the kernel releases when the
/// process ends, however it ends.
/// </summary>
internal sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream) => _stream = stream;

    /// <summary>The lock, or null (and why) when another AppHost holds it.</summary>
    public static InstanceLock? TryAcquire(string stateDirectory, out string? refusal)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, "apphost.lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            refusal = null;
            return new InstanceLock(stream);
        }
        catch (IOException)
        {
            refusal = $"The Orchestrator is already running with state directory {stateDirectory}. " +
                "Stop it first (Ctrl+C in its terminal), or give this one its own Orchestrator__StateDirectory and ports.";
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
