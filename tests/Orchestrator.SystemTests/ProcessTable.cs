using System.Globalization;

namespace Orchestrator.SystemTests;

/// <summary>One process as <c>/proc</c> shows it.</summary>
internal sealed record ProcessInfo(int Pid, int ParentPid, char State, long StartTicks, string Name, string CommandLine, string Environment)
{
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>The same process (not a later one that reuses the pid) is still there and not a zombie.</summary>
    public bool IsAlive => ProcessTable.Read(Pid) is { IsZombie: false } now && now.StartTicks == StartTicks;

    public override string ToString() => $"{Pid} ({State}, parent {ParentPid}) {Shorten(CommandLine)}";

    private static string Shorten(string text) => text.Length <= 220 ? text : text[..220] + "…";
}

/// <summary>Reads the process table from <c>/proc</c> (Linux).</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<ProcessInfo> All()
    {
        var all = new List<ProcessInfo>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } process)
            {
                all.Add(process);
            }
        }

        return all;
    }

    /// <summary>The process, or null when it is gone (or vanished while being read).</summary>
    public static ProcessInfo? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) state ppid … starttime is field 22; comm may hold spaces and parentheses: split after the last ')'.
            var close = stat.LastIndexOf(')');
            var name = stat[(stat.IndexOf('(') + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            var state = fields[0][0];
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var start = long.Parse(fields[19], CultureInfo.InvariantCulture);
            return new ProcessInfo(pid, parent, state, start, name, ReadZeroSeparated($"/proc/{pid}/cmdline"), ReadZeroSeparated($"/proc/{pid}/environ"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Every living descendant of the given processes.</summary>
    public static IReadOnlyList<ProcessInfo> DescendantsOf(IReadOnlyList<ProcessInfo> table, IEnumerable<int> roots)
    {
        var children = table.ToLookup(p => p.ParentPid);
        var found = new Dictionary<int, ProcessInfo>();
        var pending = new Stack<int>(roots);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children[pid])
            {
                if (found.TryAdd(child.Pid, child))
                {
                    pending.Push(child.Pid);
                }
            }
        }

        return [.. found.Values];
    }

    private static string ReadZeroSeparated(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
