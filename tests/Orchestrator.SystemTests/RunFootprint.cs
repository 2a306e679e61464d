using System.Diagnostics;
using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.SystemTests;

/// <summary>
/// What one run of the AppHost puts on the machine: processes that name its state directory or its ports (in their
/// command line or environment), DCP processes that watch its AppHost, and everything below them. Remembered while the
/// run is up, so that after it stops the test can say exactly what is left.
/// </summary>
internal sealed class RunFootprint(string stateDirectory, int appHostPid)
{
    private readonly HashSet<int> _ports = [];
    private readonly Dictionary<(int Pid, long Start), ProcessInfo> _seen = [];
    private Regex? _portPattern;

    public string StateDirectory { get; } = stateDirectory;

    public IReadOnlyCollection<int> Ports => _ports;

    /// <summary>Every process of this run seen by <see cref="Remember"/>.</summary>
    public IReadOnlyCollection<ProcessInfo> Seen => _seen.Values;

    public void AddPorts(IEnumerable<int> ports)
    {
        foreach (var port in ports.Where(p => p > 0))
        {
            _ports.Add(port);
        }

        // A port as its own token: after a separator (':', '=', ' ', …), never inside a longer number or a hex string.
        _portPattern = new Regex($"(?<![0-9A-Za-z]){string.Join("|", _ports.Select(p => $"(?:{p})"))}(?![0-9])", RegexOptions.CultureInvariant);
    }

    /// <summary>The living (not zombie) processes of this run now.</summary>
    public IReadOnlyList<ProcessInfo> Current()
    {
        var table = ProcessTable.All();
        var self = Environment.ProcessId;
        var roots = table.Where(p => p.Pid != self && !p.IsZombie && Belongs(p)).ToList();
        var all = roots.Concat(ProcessTable.DescendantsOf(table, roots.Select(r => r.Pid)))
            .Where(p => p.Pid != self && !p.IsZombie)
            .DistinctBy(p => p.Pid)
            .ToList();
        return all;
    }

    /// <summary>Takes note of the run's processes now (call it while everything runs, and after each restart).</summary>
    public IReadOnlyList<ProcessInfo> Remember()
    {
        var current = Current();
        foreach (var process in current)
        {
            _seen[(process.Pid, process.StartTicks)] = process;
        }

        // A service replica listens on a port of its own behind DCP's proxy: its ASPNETCORE_URLS names it.
        AddPorts(current.SelectMany(p => Regex.Matches(p.Environment, @"ASPNETCORE_URLS=\S*?:(\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))));

        return current;
    }

    /// <summary>What is left of the run: remembered processes still alive, and any living process that still names it.</summary>
    public IReadOnlyList<ProcessInfo> Leftovers() =>
        [.. Seen.Where(p => p.IsAlive).Concat(Current()).DistinctBy(p => p.Pid)];

    /// <summary>The run's ports that something still listens on.</summary>
    public IReadOnlyList<int> BoundPorts() => [.. _ports.Where(port => !Orchestrator.Testing.Ports.IsFree(port))];

    /// <summary>Polls until no process or port of the run is left, or the time is up; returns how long it took and what is left.</summary>
    public async Task<(TimeSpan Elapsed, IReadOnlyList<ProcessInfo> Processes, IReadOnlyList<int> Ports)> WaitUntilGoneAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var processes = Leftovers();
            var ports = BoundPorts();
            if ((processes.Count == 0 && ports.Count == 0) || clock.Elapsed > timeout)
            {
                return (clock.Elapsed, processes, ports);
            }

            await Task.Delay(250);
        }
    }

    private bool Belongs(ProcessInfo p) =>
        p.CommandLine.Contains(StateDirectory, StringComparison.Ordinal)
        || p.Environment.Contains(StateDirectory, StringComparison.Ordinal)
        || (_portPattern is not null && (_portPattern.IsMatch(p.CommandLine) || _portPattern.IsMatch(p.Environment)))
        || (p.Name == "dcp" && Regex.IsMatch(p.CommandLine, $@"--monitor {appHostPid}(?![0-9])"));
}
