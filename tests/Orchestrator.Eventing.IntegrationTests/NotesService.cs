using System.Collections.Concurrent;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Testing;

namespace Orchestrator.Eventing.IntegrationTests;

/// <summary>A domain event of the notes service.</summary>
public sealed record Noted(Guid NoteId, string Text, DateTimeOffset At);

/// <summary>A domain event that stays inside the notes service.</summary>
public sealed record Drafted(Guid NoteId, DateTimeOffset At);

/// <summary>The integration event the notes service publishes for <see cref="Noted"/>.</summary>
public sealed record NotePublishedIntegrationEvent(Guid NoteId, string Text);

/// <summary>A document to make a transaction fail after it appended events.</summary>
public sealed record Marker(Guid Id);

public sealed class NotesIntegrationEvents : IIntegrationEventMap
{
    public object? Map(IEvent @event) => @event.Data is Noted noted ? new NotePublishedIntegrationEvent(noted.NoteId, noted.Text) : null;
}

/// <summary>Every delivery of <see cref="NotePublishedIntegrationEvent"/> to a consumer, repeats included, with its message id.</summary>
public sealed class Deliveries
{
    private readonly ConcurrentQueue<(Guid NoteId, Guid? MessageId)> _received = new();

    public void Add(Guid noteId, Guid? messageId) => _received.Enqueue((noteId, messageId));

    public IReadOnlyList<Guid?> MessageIdsOf(Guid noteId) => [.. _received.Where(d => d.NoteId == noteId).Select(d => d.MessageId)];

    /// <summary>Waits until <paramref name="noteId"/>'s integration event has been delivered at least once.</summary>
    public Task ArrivedAsync(Guid noteId, TimeSpan timeout) =>
        Eventually.GetAsync(() => Task.FromResult(MessageIdsOf(noteId).Count > 0 ? "delivered" : null), timeout, $"note {noteId} on the bus");
}

public sealed class NotePublishedConsumer(Deliveries deliveries) : IConsumer<NotePublishedIntegrationEvent>
{
    public Task Consume(ConsumeContext<NotePublishedIntegrationEvent> context)
    {
        deliveries.Add(context.Message.NoteId, context.MessageId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A process wired like every service (<see cref="EventStoreExtensions.AddEventStore"/>,
/// <see cref="BusExtensions.PublishIntegrationEvents{TMap}"/>, <see cref="BusExtensions.AddBus"/>) that appends notes and
/// consumes its own integration events, on a real PostgreSQL database and RabbitMQ virtual host.
/// </summary>
public sealed class NotesService : IAsyncDisposable
{
    private const string Schema = "notes";

    private readonly IHost _host;

    private NotesService(IHost host) => _host = host;

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    public static async Task<NotesService> StartAsync(
        string postgres, Uri rabbitMq, Deliveries deliveries, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = postgres,
            ["ConnectionStrings:rabbitmq"] = rabbitMq.ToString(),
            // Shorter than in production, so a test waits less for the backstop; still ample for the fast path to mark.
            ["Orchestrator:EventStore:RelayDelay"] = "00:00:01",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(deliveries);
        builder.AddEventStore(Schema, options => options.Schema.For<Marker>()).PublishIntegrationEvents<NotesIntegrationEvents>();
        builder.AddBus("notes", bus => bus.AddConsumer<NotePublishedConsumer>());
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await host.StartAsync(timeout.Token);
        return new NotesService(host);
    }

    /// <summary>Appends a <see cref="Noted"/> in a transaction of its own and returns the stored event.</summary>
    public async Task<IEvent> NoteAsync(Guid noteId, string text)
    {
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream(noteId, new Noted(noteId, text, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        return (await EventsOfAsync(noteId)).Single();
    }

    public async Task<IReadOnlyList<IEvent>> EventsOfAsync(Guid noteId)
    {
        await using var session = Store.QuerySession();
        return await session.Events.FetchStreamAsync(noteId);
    }

    /// <summary>Waits until the relay (the async daemon's subscription) has gone past <paramref name="sequence"/>.</summary>
    public Task RelayPassedAsync(long sequence) =>
        Eventually.GetAsync(async () =>
        {
            var progress = await Store.Advanced.AllProjectionProgress();
            return progress.Any(p => p.ShardName.StartsWith("integration-event-relay", StringComparison.Ordinal) && p.Sequence >= sequence)
                ? "passed"
                : null;
        }, TimeSpan.FromSeconds(60), $"the relay to pass event {sequence}");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
