using System.Diagnostics;

namespace Orchestrator.AppHost;

/// <summary>Directories and one-off commands for the local servers, which may run as another user than the AppHost.</summary>
internal static class ServiceDirectory
{
    /// <summary>
    /// Creates the directory and, when an owner is given (the AppHost runs as root), hands it to that user, who must
    /// also be able to reach it: every parent needs the search bit for others. Private temporary directories (as
    /// tests create) get that bit; anywhere else the fix is left to the user, with the command that does it.
    /// </summary>
    public static void Prepare(string path, string? owner, UnixFileMode mode = (UnixFileMode)0b111_101_101)
    {
        Directory.CreateDirectory(path);
        if (owner is null || OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(path, mode);
        using (var chown = Process.Start("chown", [$"{owner}:{owner}", path]))
        {
            chown.WaitForExit();
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"chown {owner} {path} failed with exit code {chown.ExitCode}.");
            }
        }

        var temp = Path.GetFullPath(Path.GetTempPath()).TrimEnd('/') + "/";
        for (var parent = Path.GetDirectoryName(path); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            var parentMode = File.GetUnixFileMode(parent);
            if ((parentMode & UnixFileMode.OtherExecute) != 0)
            {
                continue;
            }

            if (parent.StartsWith(temp, StringComparison.Ordinal))
            {
                File.SetUnixFileMode(parent, parentMode | UnixFileMode.OtherExecute);
            }
            else
            {
                throw new InvalidOperationException(
                    $"The {owner} user cannot reach {path}: {parent} is not searchable by others (chmod o+x {parent}, or set Orchestrator__StateDirectory to another directory).");
            }
        }
    }

    /// <summary>Runs a command to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
