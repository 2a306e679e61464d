using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weasel.Core;

namespace Orchestrator.Eventing;

/// <summary>Marten wiring shared by every service: one database, one schema per service.</summary>
public static class EventStoreExtensions
{
    /// <summary>Name of the connection string every service reads (<c>ConnectionStrings:postgres</c>).</summary>
    public const string ConnectionStringName = "postgres";

    /// <summary>
    /// Adds the Npgsql data source the Aspire way (tracing, metrics, health check), Marten on it with the service's own
    /// schema, and the async daemon in HotCold mode so that any number of instances may run.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, string schema, Action<StoreOptions>? configure = null)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName)))
        {
            throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is missing: set ConnectionStrings__{ConnectionStringName} " +
                "(the AppHost sets it when it starts the service).");
        }

        // A pooled connection is handed back as it is, not reset with DISCARD ALL: sessions leave no state on it
        // (no temporary tables, session settings or session locks), and the reset was a round trip per session.
        // Whoever takes a session-level advisory lock releases it before returning the connection.
        builder.AddNpgsqlDataSource(ConnectionStringName, configureDataSourceBuilder: dataSource => dataSource.ConnectionStringBuilder.NoResetOnClose = true);

        var settings = builder.AddSettings<EventStoreSettings>(EventStoreSettings.SectionName);
        builder.Services.AddSingleton<StreamGate>();

        var marten = builder.Services.AddMarten(options =>
        {
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            // Nothing on a task's way waits for the daemon: hops (a parent's aggregation among them) are published right after
            // the commit (DispatchOnCommitListener). So the daemon (the relay's backstop, read
            // models) polls and takes a page of events at a time, instead of being woken by
            // every append and spending a few transactions of its own after each.
            options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(250);
            options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(1000);
            // Every service shares the database, and the HotCold leader holds an advisory lock on this id: one per
            // service, or a single daemon of the whole system would run and the others would wait behind it forever.
            options.Projections.DaemonLockId = DaemonLockIdOf(schema);
            // The appending request's or consumer's trace context travels on its events to the relay.
            options.Events.MetadataConfig.HeadersEnabled = true;
            options.Listeners.Add(new TraceContextListener());
            options.Schema.For<ProcessedMessage>().DatabaseSchemaName(schema);
            options.Schema.For<DispatchedEvent>().DatabaseSchemaName(schema);
            configure?.Invoke(options);
        }).UseNpgsqlDataSource().UseLightweightSessions().ApplyAllDatabaseChangesOnStartup();

        marten.AddAsyncDaemon(settings.RunDaemon ? DaemonMode.HotCold : DaemonMode.Disabled);
        return marten;
    }

    /// <summary>A stable advisory lock id per service schema, the same in every instance and every release.</summary>
    public static int DaemonLockIdOf(string schema)
    {
        // FNV-1a: string.GetHashCode is randomised per process, and every instance must name the same lock.
        var hash = 2166136261u;
        foreach (var c in "orchestrator-daemon:" + schema)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
