using System.Globalization;

namespace Orchestrator.Benchmarks.Executor.Measuring;

/// <summary>
/// CPU time (user + system) of this process and every process below it, read from /proc, grouped by which child of
/// this process it descends from: each service, PostgreSQL (the postmaster and its backends), RabbitMQ. The
/// difference of two snapshots says where the CPU of a run went; on a machine where the run keeps every core busy,
/// that, not waiting, is what sets the wall time.
/// </summary>
internal static class CpuTimes
{
    /// <summary>Linux reports process times in USER_HZ ticks, 100 per second on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds so far of each process below this one (and of this one), by process id, with the child of this process it descends from.</summary>
    public static Dictionary<int, (int Branch, string Command, double Seconds)> Snapshot()
    {
        var all = new Dictionary<int, (int Parent, string Command, double Seconds)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // "pid (command) state ppid … utime stime …": the command may hold spaces and parentheses, so fields are counted after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                var seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                all[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close], seconds);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while being read.
            }
        }

        var self = Environment.ProcessId;
        // Aspire's orchestrator (DCP) detaches from the process that starts it and watches it with "--monitor <pid>"; the
        // servers it runs (PostgreSQL, RabbitMQ) are below it, so it counts as a child of this process.
        foreach (var (pid, process) in all.Where(p => p.Value.Parent == 1 && p.Value.Command == "dcp").ToList())
        {
            if (Monitors(pid, self))
            {
                all[pid] = process with { Parent = self };
            }
        }

        var below = new Dictionary<int, (int Branch, string Command, double Seconds)>();
        foreach (var (pid, process) in all)
        {
            if (BranchOf(all, pid, self) is { } branch)
            {
                below[pid] = (branch, process.Command, process.Seconds);
            }
        }

        return below;
    }

    /// <summary>
    /// CPU seconds spent between two snapshots, by group: <paramref name="names"/> names the children of this process
    /// (a service by its process id); other children are named by their command, and this process is "benchmark".
    /// A process that ended in between counts what it had used by <paramref name="before"/> as spent before it.
    /// </summary>
    public static IReadOnlyList<(string Group, double Seconds)> Spent(
        Dictionary<int, (int Branch, string Command, double Seconds)> before,
        Dictionary<int, (int Branch, string Command, double Seconds)> after,
        IReadOnlyDictionary<int, string> names)
    {
        var self = Environment.ProcessId;
        var groups = new Dictionary<string, double>();
        foreach (var (pid, now) in after)
        {
            var spent = now.Seconds - (before.TryGetValue(pid, out var then) ? then.Seconds : 0);
            var branchCommand = after.TryGetValue(now.Branch, out var branch) ? branch.Command : now.Command;
            var group = now.Branch == self ? "benchmark"
                : names.TryGetValue(now.Branch, out var name) ? name
                : GroupOf(branchCommand == "dcp" ? now.Command : branchCommand);
            groups[group] = groups.GetValueOrDefault(group) + spent;
        }

        return [.. groups.OrderByDescending(g => g.Value).Select(g => (g.Key, g.Value))];
    }

    private static string GroupOf(string command) => command switch
    {
        "postgres" => "PostgreSQL",
        _ when command.StartsWith("beam", StringComparison.Ordinal) || command is "rabbitmq-server" or "epmd" or "erl_child_setup" or "sh" => "RabbitMQ",
        "dcp" => "Aspire (DCP)",
        _ => command,
    };

    private static bool Monitors(int pid, int self)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var index = Array.IndexOf(arguments, "--monitor");
            return index >= 0 && index + 1 < arguments.Length && arguments[index + 1] == self.ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The child of <paramref name="root"/> that <paramref name="pid"/> descends from (<paramref name="root"/> itself for it), or null when it is not below it.</summary>
    private static int? BranchOf(Dictionary<int, (int Parent, string Command, double Seconds)> all, int pid, int root)
    {
        if (pid == root)
        {
            return root;
        }

        for (var depth = 0; depth < 64 && all.TryGetValue(pid, out var p); depth++)
        {
            if (p.Parent == root)
            {
                return pid;
            }

            pid = p.Parent;
        }

        return null;
    }
}
