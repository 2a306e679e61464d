using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Eventing;

/// <summary>MassTransit on RabbitMQ, wired the same way in every service.</summary>
public static class BusExtensions
{
    /// <summary>Name of the connection string every service reads (<c>ConnectionStrings:rabbitmq</c>).</summary>
    public const string ConnectionStringName = "rabbitmq";

    /// <summary>Adds MassTransit on RabbitMQ with queues prefixed by <paramref name="service"/>, retries, and the consumers registered by <paramref name="configure"/>.</summary>
    public static IHostApplicationBuilder AddBus(this IHostApplicationBuilder builder, string service, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString) || !Uri.TryCreate(connectionString, UriKind.Absolute, out var hostUri))
        {
            throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is missing or not an amqp:// URI: set ConnectionStrings__{ConnectionStringName} " +
                "(the AppHost sets it when it starts the service).");
        }

        // Start blocks until the broker is connected and every queue is bound, so a message published the moment the
        // service is up is never dropped for want of a queue; a broker that stays away fails the start with its reason.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddMassTransit(bus =>
        {
            // Nothing leaves the machine but what the system sends on purpose (MassTransit would report usage to its vendor).
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, false));
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(hostUri);
                // Consumers that write to a busy stream (many tasks of one plan finishing at once) lose optimistic
                // concurrency races; they must win eventually rather than end in the error queue.
                rabbit.UseMessageRetry(retry => retry.Exponential(12, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(150)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// Publishes this service's appended domain events to the bus through <typeparamref name="TMap"/>: right after each
    /// commit, and through the async daemon's relay for whatever that did not publish.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression PublishIntegrationEvents<TMap>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) where TMap : class, IIntegrationEventMap
    {
        marten.Services.AddSingleton<IIntegrationEventMap, TMap>();
        marten.Services.TryAddSingleton(TimeProvider.System);
        marten.Services.AddSingleton<IntegrationEventSender>();
        marten.Services.AddSingleton<DispatchLedger>();
        marten.Services.AddHostedService(services => services.GetRequiredService<DispatchLedger>());
        marten.Services.ConfigureMarten((services, options) =>
        {
            if (services.GetRequiredService<EventStoreSettings>().DispatchOnCommit)
            {
                options.Listeners.Add(new DispatchOnCommitListener(services));
            }
        });
        return marten.AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton);
    }
}
