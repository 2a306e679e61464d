using Npgsql;

namespace Orchestrator.Benchmarks.Executor.Measuring;

/// <summary>
/// What PostgreSQL did for the benchmark's database between two snapshots of its statistics views: transactions committed,
/// and per service schema the rows written and read and the scans that read them. PostgreSQL publishes a backend's
/// counters when its transaction ends, at most a second late, so a snapshot is taken a little after the work.
/// </summary>
internal sealed record DatabaseWork(long Commits, long Rollbacks, IReadOnlyDictionary<string, SchemaWork> Tables)
{
    public static async Task<DatabaseWork> SnapshotAsync(string connectionString, CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var database = source.CreateCommand(
            "select xact_commit, xact_rollback from pg_stat_database where datname = current_database()");
        long commits = 0, rollbacks = 0;
        await using (var reader = await database.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                (commits, rollbacks) = (reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        await using var tables = source.CreateCommand(
            """
            select schemaname || '.' || relname,
                   n_tup_ins + n_tup_upd + n_tup_del,
                   coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0),
                   coalesce(seq_scan, 0),
                   coalesce(idx_scan, 0)
            from pg_stat_user_tables
            """);
        var schemas = new Dictionary<string, SchemaWork>();
        await using (var reader = await tables.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                schemas[reader.GetString(0)] = new SchemaWork(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            }
        }

        return new DatabaseWork(commits, rollbacks, schemas);
    }

    public DatabaseWork Since(DatabaseWork before) => new(
        Commits - before.Commits,
        Rollbacks - before.Rollbacks,
        Tables.ToDictionary(s => s.Key, s => before.Tables.TryGetValue(s.Key, out var then) ? s.Value.Since(then) : s.Value));

    /// <summary>The tables' work summed by schema (one schema per service).</summary>
    public IReadOnlyDictionary<string, SchemaWork> Schemas => Tables
        .GroupBy(t => t.Key[..t.Key.IndexOf('.', StringComparison.Ordinal)])
        .ToDictionary(g => g.Key, g => g.Select(t => t.Value).Aggregate((a, b) => a.Plus(b)));
}

/// <summary>Rows written (inserted, updated, deleted), rows read (by sequential and index scans), and the scans of one schema's tables.</summary>
internal sealed record SchemaWork(long RowsWritten, long RowsRead, long SequentialScans, long IndexScans)
{
    public SchemaWork Since(SchemaWork before) =>
        new(RowsWritten - before.RowsWritten, RowsRead - before.RowsRead, SequentialScans - before.SequentialScans, IndexScans - before.IndexScans);

    public SchemaWork Plus(SchemaWork other) =>
        new(RowsWritten + other.RowsWritten, RowsRead + other.RowsRead, SequentialScans + other.SequentialScans, IndexScans + other.IndexScans);
}
