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

    /// <summary>Adds Marten with the service's own schema, the readiness check and, on the designated instance, the async daemon in Solo mode.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, string schema, Action<StoreOptions>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is missing: set ConnectionStrings__{ConnectionStringName} " +
                "(the AppHost sets it when it starts the service).");
        }

        var settings = builder.Configuration.GetSection(EventStoreSettings.SectionName).Get<EventStoreSettings>() ?? new EventStoreSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<StreamGate>();
        builder.Services.AddHealthChecks().AddPostgresReadiness(connectionString);

        var marten = builder.Services.AddMarten(options =>
        {
            // A pooled connection is handed back as it is, not reset with DISCARD ALL: sessions leave no state on
            // it (no temporary tables, session settings or session locks), and the reset was a round trip per session.
            options.Connection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            // Every hop between services passes through a relay run by the daemon: wake it on each append
            // (PostgreSQL LISTEN/NOTIFY) instead of waiting up to a second for its next poll, and keep polling
            // often as the safety net.
            options.Events.UseListenNotifyForEventAppends = true;
            options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
            options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
            options.Schema.For<ProcessedMessage>().DatabaseSchemaName(schema);
            configure?.Invoke(options);
        }).UseLightweightSessions().ApplyAllDatabaseChangesOnStartup();

        marten.AddAsyncDaemon(settings.RunDaemon ? DaemonMode.Solo : DaemonMode.Disabled);
        return marten;
    }
}
