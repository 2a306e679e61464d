using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>
/// An Erlang program that finds no epmd at its port starts <c>epmd -daemon</c>, which leaves the process tree and outlives
/// whatever started it. The AppHost runs the broker's epmd as a resource of its own so that the broker never does; a
/// <c>rabbitmqctl</c> call (for the test classes' virtual hosts) that meets that epmd at a bad moment still can. This stops
/// such daemons once the servers are stopped: those whose home is in the servers' state directory, and no other.
/// </summary>
public static class ErlangDaemons
{
    public static int StopStartedFrom(string stateDirectory)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return 0;
        }

        var stopped = 0;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || !IsEpmdStartedFrom(entry, stateDirectory))
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                stopped++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended meanwhile.
            }
        }

        return stopped;
    }

    private static bool IsEpmdStartedFrom(string processDirectory, string stateDirectory)
    {
        try
        {
            var command = File.ReadAllText(Path.Combine(processDirectory, "cmdline")).Split('\0');
            if (command.Length == 0 || Path.GetFileName(command[0]) != "epmd")
            {
                return false;
            }

            return File.ReadAllText(Path.Combine(processDirectory, "environ")).Split('\0')
                .Any(variable => variable.StartsWith("HOME=", StringComparison.Ordinal)
                    && variable["HOME=".Length..].StartsWith(stateDirectory, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
