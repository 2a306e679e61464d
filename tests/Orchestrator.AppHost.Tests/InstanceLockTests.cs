using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Tests;

public sealed class InstanceLockTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("apphost-lock-");

    [Fact]
    public void A_second_holder_is_refused_with_the_first_ones_pid()
    {
        var path = Path.Combine(_directory.FullName, "apphost.lock");
        using var first = InstanceLock.Acquire(path);

        var error = Assert.Throws<InstanceLockedException>(() => InstanceLock.Acquire(path));

        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lock_can_be_taken_again_once_released()
    {
        var path = Path.Combine(_directory.FullName, "nested", "apphost.lock");
        InstanceLock.Acquire(path).Dispose();

        using var again = InstanceLock.Acquire(path);

        Assert.True(File.Exists(path));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
