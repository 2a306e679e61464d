namespace Orchestrator.AppHost;

/// <summary>Finds the installed PostgreSQL server binaries.</summary>
public static class PostgresBinaries
{
    /// <summary>PostgreSQL 15 (the version this was built against) when present, else the newest installed.</summary>
    public static string Find()
    {
        const string root = "/usr/lib/postgresql";
        var preferred = Path.Combine(root, "15", "bin");
        if (File.Exists(Path.Combine(preferred, "postgres")))
        {
            return preferred;
        }

        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .Where(candidate => File.Exists(Path.Combine(candidate.Dir, "postgres")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Dir)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. " +
            "Install them (apt-get install -y postgresql, or run ./run.sh which does it), " +
            "or point the AppHost at an existing server with ConnectionStrings__postgres.");
    }
}
