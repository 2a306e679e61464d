using JasperFx.Events;
using Marten;
using JasperFx;
using Orchestrator.Testing;

namespace Orchestrator.Eventing.IntegrationTests;

/// <summary>
/// What publishing guarantees (<see cref="DispatchOnCommitListener"/>, <see cref="DispatchLedger"/>,
/// <see cref="IntegrationEventRelay"/>, <see cref="IntegrationEventSender"/>), on a real PostgreSQL and RabbitMQ: an event
/// appended in a committed transaction goes on the bus right after the commit, once, with the event's id as message id;
/// one whose transaction rolls back never does; one whose process died between commit and publish is published by the
/// relay once the service runs again; and a repeat the relay publishes carries the same message id, for consumers to drop.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PublishingTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DaemonOff = new() { ["Orchestrator:EventStore:RunDaemon"] = "false" };

    /// <summary>A process that dies right after its commit: nothing published after the commit, no daemon.</summary>
    private static readonly Dictionary<string, string?> DiesAfterCommit = new()
    {
        ["Orchestrator:EventStore:RunDaemon"] = "false",
        ["Orchestrator:EventStore:DispatchOnCommit"] = "false",
    };

    private readonly Deliveries _deliveries = new();
    private readonly List<NotesService> _services = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await fixture.Infrastructure.CreateDatabaseAsync("publishing");

    public async Task DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_event_goes_on_the_bus_right_after_its_commit_without_the_daemon()
    {
        var service = await StartAsync(DaemonOff);

        var note = Guid.NewGuid();
        var appended = await service.NoteAsync(note, "fast");

        await _deliveries.ArrivedAsync(note, TimeSpan.FromSeconds(10));
        Assert.Equal([appended.Id], _deliveries.MessageIdsOf(note));
    }

    [Fact]
    public async Task An_event_appended_in_a_committed_transaction_is_published_once_with_its_id_as_message_id()
    {
        var service = await StartAsync();

        var note = Guid.NewGuid();
        var appended = await service.NoteAsync(note, "once");
        await _deliveries.ArrivedAsync(note, TimeSpan.FromSeconds(10));
        await service.RelayPassedAsync(appended.Sequence);
        await SettleAsync();

        // The relay skipped what the fast path had published and marked, and deleted the mark.
        Assert.Equal([appended.Id], _deliveries.MessageIdsOf(note));
        await using var session = service.Store.QuerySession();
        Assert.Null(await session.LoadAsync<DispatchedEvent>(appended.Id));
    }

    [Fact]
    public async Task An_event_that_stays_inside_the_service_is_not_published()
    {
        var service = await StartAsync();

        var note = Guid.NewGuid();
        await using (var session = service.Store.LightweightSession())
        {
            session.Events.StartStream(note, new Drafted(note, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var later = await service.NoteAsync(Guid.NewGuid(), "after the draft");
        await _deliveries.ArrivedAsync(later.StreamId, TimeSpan.FromSeconds(10));
        await service.RelayPassedAsync(later.Sequence);
        await SettleAsync();

        Assert.Empty(_deliveries.MessageIdsOf(note));
    }

    [Fact]
    public async Task An_event_appended_in_a_transaction_that_rolls_back_is_never_published()
    {
        var service = await StartAsync();
        var marker = new Marker(Guid.NewGuid());
        await using (var session = service.Store.LightweightSession())
        {
            session.Insert(marker);
            await session.SaveChangesAsync();
        }

        var rolledBack = Guid.NewGuid();
        await using (var session = service.Store.LightweightSession())
        {
            session.Events.StartStream(rolledBack, new Noted(rolledBack, "rolled back", DateTimeOffset.UtcNow));
            session.Insert(marker);
            await Assert.ThrowsAsync<DocumentAlreadyExistsException>(() => session.SaveChangesAsync());
        }

        // A later event's passage through both paths shows that neither published the rolled-back one.
        var later = await service.NoteAsync(Guid.NewGuid(), "committed");
        await _deliveries.ArrivedAsync(later.StreamId, TimeSpan.FromSeconds(10));
        await service.RelayPassedAsync(later.Sequence);
        await SettleAsync();

        Assert.Empty(await service.EventsOfAsync(rolledBack));
        Assert.Empty(_deliveries.MessageIdsOf(rolledBack));
        Assert.Single(_deliveries.MessageIdsOf(later.StreamId));
    }

    [Fact]
    public async Task An_event_whose_process_died_between_commit_and_publish_is_published_once_after_a_restart()
    {
        var note = Guid.NewGuid();
        IEvent appended;
        await using (var dying = await NotesService.StartAsync(_database, fixture.Infrastructure.RabbitMqUri, _deliveries, DiesAfterCommit))
        {
            appended = await dying.NoteAsync(note, "survives");
            await SettleAsync();
            Assert.Empty(_deliveries.MessageIdsOf(note));
        }

        var restarted = await StartAsync();
        await _deliveries.ArrivedAsync(note, TimeSpan.FromSeconds(30));
        await restarted.RelayPassedAsync(appended.Sequence);
        await SettleAsync();

        Assert.Equal([appended.Id], _deliveries.MessageIdsOf(note));
    }

    [Fact]
    public async Task When_the_mark_of_a_published_event_is_lost_the_relay_publishes_it_again_with_the_same_message_id()
    {
        var note = Guid.NewGuid();
        IEvent appended;
        await using (var first = await NotesService.StartAsync(_database, fixture.Infrastructure.RabbitMqUri, _deliveries, DaemonOff))
        {
            appended = await first.NoteAsync(note, "marked");
            await _deliveries.ArrivedAsync(note, TimeSpan.FromSeconds(10));
            // The ledger writes its marks in the background; this one is lost before the relay comes by.
            await Eventually.GetAsync(async () =>
            {
                await using var session = first.Store.QuerySession();
                return await session.LoadAsync<DispatchedEvent>(appended.Id);
            }, TimeSpan.FromSeconds(10), "the mark of the published event");
            await using var delete = first.Store.LightweightSession();
            delete.Delete<DispatchedEvent>(appended.Id);
            await delete.SaveChangesAsync();
        }

        var relay = await StartAsync();
        await Eventually.GetAsync(() => Task.FromResult(_deliveries.MessageIdsOf(note).Count >= 2 ? "again" : null),
            TimeSpan.FromSeconds(30), "the relay to publish the note again");
        await relay.RelayPassedAsync(appended.Sequence);

        Assert.Equal([appended.Id, appended.Id], _deliveries.MessageIdsOf(note));
    }

    private async Task<NotesService> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var service = await NotesService.StartAsync(_database, fixture.Infrastructure.RabbitMqUri, _deliveries, settings);
        _services.Add(service);
        return service;
    }

    /// <summary>Time for a message already on the broker to reach its consumer before a test says nothing (more) came.</summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(1));
}
