using Npgsql;
using Orchestrator.AppHost.Processes;

namespace Orchestrator.AppHost.Local;

/// <summary>Where and how to run a private PostgreSQL server.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>The cluster's data directory; created (initdb) on first use and kept afterwards.</summary>
    public required string DataDirectory { get; init; }

    public int Port { get; init; } = 55432;

    /// <summary>The database to create when missing, and the one <see cref="LocalPostgres.ConnectionString"/> points at.</summary>
    public string Database { get; init; } = "orchestrator";

    /// <summary>Where the Unix socket goes; defaults to a sibling of the data directory.</summary>
    public string? SocketDirectory { get; init; }

    /// <summary>Receives the server's log lines.</summary>
    public Action<string>? Output { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// A PostgreSQL server run from the locally installed binaries as a foreground child process (so its
/// log is streamed and its exit noticed), with trust authentication on 127.0.0.1 only.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private readonly ChildProcess _process;

    private LocalPostgres(ChildProcess process, LocalPostgresOptions options)
    {
        _process = process;
        Port = options.Port;
        ConnectionString = CreateConnectionString(options.Port, options.Database);
    }

    public int Port { get; }

    /// <summary>An Npgsql connection string for the options' database.</summary>
    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    /// <summary>Completes when the server process ends.</summary>
    public Task<int> Exited => _process.Exited;

    public static string CreateConnectionString(int port, string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Database = database, Username = ServiceUser }.ConnectionString;

    /// <summary>Initialises the cluster if needed, starts the server, waits until it accepts queries and creates the database if missing.</summary>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, CancellationToken cancellationToken)
    {
        var binDirectory = FindBinDirectory();
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var socketDirectory = Path.GetFullPath(options.SocketDirectory ?? dataDirectory.TrimEnd('/') + "-socket");
        var asUser = Environment.IsPrivilegedProcess ? ServiceUser : null;

        await StopOrphanAsync(dataDirectory, cancellationToken);
        if (!Ports.IsFree(options.Port))
        {
            throw new InvalidOperationException($"PostgreSQL cannot start: port {options.Port} on 127.0.0.1 is already in use by another process.");
        }

        await InitializeClusterAsync(binDirectory, dataDirectory, asUser, options.Output, cancellationToken);
        PrepareDirectory(socketDirectory, asUser);

        var process = ChildProcess.Start(new ChildProcessOptions
        {
            FileName = Path.Combine(binDirectory, "postgres"),
            Arguments =
            [
                "-D", dataDirectory,
                "-p", options.Port.ToString(),
                "-k", socketDirectory,
                "-c", "listen_addresses=127.0.0.1",
            ],
            WorkingDirectory = dataDirectory,
            User = asUser,
            Output = options.Output,
        });
        var server = new LocalPostgres(process, options);
        try
        {
            await server.WaitUntilReadyAsync(options.StartTimeout, cancellationToken);
            await server.CreateDatabaseIfMissingAsync(options.Database, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when a connection opens and answers <c>select 1</c>.</summary>
    public static async Task<bool> IsHealthyAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select 1", connection);
            return Equals(await command.ExecuteScalarAsync(cancellationToken), 1);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Fast shutdown (SIGINT: roll back open transactions, close sessions, checkpoint), then a kill if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(Libc.SigInt, TimeSpan.FromSeconds(30));
        await _process.DisposeAsync();
        await Ports.WaitUntilFreeAsync(Port, TimeSpan.FromSeconds(5));
    }

    /// <summary>PostgreSQL 15 (the version this was built against) when present, else the newest installed.</summary>
    public static string FindBinDirectory()
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
        return newest ?? throw new PrerequisiteMissingException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. " +
            "Install them (apt-get install -y postgresql, or run ./run.sh which does it), " +
            "or point the AppHost at an existing server with ConnectionStrings__postgres.");
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var adminConnection = CreateConnectionString(Port, "postgres");
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsHealthyAsync(adminConnection, cancellationToken))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited with code {_process.Exited.Result} while starting; its log above says why.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"PostgreSQL did not accept connections on port {Port} within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task CreateDatabaseIfMissingAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(CreateConnectionString(Port, "postgres")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"create database {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task InitializeClusterAsync(string binDirectory, string dataDirectory, string? asUser, Action<string>? output, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        PrepareDirectory(dataDirectory, asUser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (exitCode, log) = await ChildProcess.RunAsync(new ChildProcessOptions
        {
            FileName = Path.Combine(binDirectory, "initdb"),
            Arguments = ["-D", dataDirectory, "--auth=trust", "-U", ServiceUser, "-E", "UTF8", "--no-locale", "--no-sync"],
            WorkingDirectory = dataDirectory,
            User = asUser,
            Output = output,
        }, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed with exit code {exitCode} for {dataDirectory}:\n{log}");
        }
    }

    /// <summary>
    /// Creates the directory and, when running as root, hands it to the postgres user, which must also be
    /// able to reach it: every parent directory needs the execute (search) bit for others. Private
    /// temporary directories (as tests create) get that bit; anywhere else the fix is left to the user.
    /// </summary>
    private static void PrepareDirectory(string path, string? owner, UnixFileMode mode = (UnixFileMode)0b111_101_101)
    {
        Directory.CreateDirectory(path);
        if (owner is null || OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(path, mode);
        var chown = System.Diagnostics.Process.Start("chown", [$"{owner}:{owner}", path]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {owner} {path} failed with exit code {chown.ExitCode}.");
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
                    $"The {owner} user cannot reach {path}: {parent} is not searchable by others (chmod o+x {parent}, or use another directory).");
            }
        }
    }

    /// <summary>A server left running by an AppHost that was killed still holds the data directory: stop it.</summary>
    private static async Task StopOrphanAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) || !IsPostgres(pid))
        {
            return;
        }

        Libc.SendSignal(pid, Libc.SigInt);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Libc.ProcessExists(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        if (Libc.ProcessExists(pid))
        {
            Libc.SendSignal(pid, Libc.SigKill);
        }
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return Libc.ProcessExists(pid) && File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
