namespace Orchestrator.AppHost.Orchestration;

/// <summary>Writes every resource's output to the terminal as <c>[name] line</c>, each name in its own colour when the output is a terminal.</summary>
internal sealed class ConsoleLog
{
    public const string AppHostName = "apphost";

    private static readonly string[] Palette = ["36", "32", "33", "35", "34", "96", "92", "93", "95", "94"];
    private const string Reset = "\u001b[0m";

    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private readonly int _width;
    private readonly bool _colour;
    private readonly Lock _gate = new();

    public ConsoleLog(IEnumerable<string> names)
    {
        var all = names.ToList();
        _width = all.Max(n => n.Length) + 2;
        _colour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        for (var i = 0; i < all.Count; i++)
        {
            _colours[all[i]] = all[i] == AppHostName ? "1" : Palette[i % Palette.Length];
        }
    }

    /// <summary>A line a resource wrote.</summary>
    public void Write(string name, string line) => WriteLine(name, line, emphasis: null);

    /// <summary>A note by the AppHost about a resource (started, healthy, exited…).</summary>
    public void WriteNote(string name, string note, bool isError = false) => WriteLine(name, note, isError ? "31" : "2");

    public void WriteAppHost(string message, bool isError = false) => WriteLine(AppHostName, message, isError ? "31" : null);

    private void WriteLine(string name, string text, string? emphasis)
    {
        var prefix = $"[{name}]".PadRight(_width);
        lock (_gate)
        {
            if (!_colour)
            {
                Console.Out.WriteLine(prefix + " " + text);
                return;
            }

            var colour = _colours.GetValueOrDefault(name, "37");
            var body = emphasis is null ? text : $"\u001b[{emphasis}m{text}{Reset}";
            Console.Out.WriteLine($"\u001b[{colour}m{prefix}{Reset} {body}");
        }
    }
}
