using System.Diagnostics;
using Orchestrator.Testing;

namespace Orchestrator.Eventing.IntegrationTests;

/// <summary>An <c>epmd -daemon</c> started from a test's servers is stopped with them; one started from elsewhere is not.</summary>
public sealed class ErlangDaemonsTests
{
    [Fact]
    public async Task A_daemon_whose_home_is_in_the_state_directory_is_stopped_and_no_other()
    {
        var ours = Directory.CreateTempSubdirectory("orchestrator-daemons-").FullName;
        var theirs = Directory.CreateTempSubdirectory("orchestrator-other-").FullName;
        var (ourPort, theirPort) = (Ports.GetFreeBelowEphemeral(1)[0], Ports.GetFreeBelowEphemeral(1)[0]);
        try
        {
            await StartDaemonAsync(Path.Combine(ours, "rabbitmq", "home"), ourPort);
            await StartDaemonAsync(theirs, theirPort);

            Assert.Equal(1, ErlangDaemons.StopStartedFrom(ours));

            await Eventually.GetAsync(() => Task.FromResult(Ports.IsFree(ourPort) ? "stopped" : null), TimeSpan.FromSeconds(10), "our epmd to stop");
            Assert.False(Ports.IsFree(theirPort));
        }
        finally
        {
            ErlangDaemons.StopStartedFrom(theirs);
            Directory.Delete(ours, recursive: true);
            Directory.Delete(theirs, recursive: true);
        }
    }

    private static async Task StartDaemonAsync(string home, int port)
    {
        Directory.CreateDirectory(home);
        var start = new ProcessStartInfo("/usr/bin/epmd") { UseShellExecute = false };
        start.ArgumentList.Add("-daemon");
        start.ArgumentList.Add("-address");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("-port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["HOME"] = home;
        using (var launcher = Process.Start(start)!)
        {
            await launcher.WaitForExitAsync();
        }

        await Eventually.GetAsync(() => Task.FromResult(Ports.IsFree(port) ? null : "listening"), TimeSpan.FromSeconds(10), $"epmd on {port}");
    }
}
