using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Aggregation;
using Marten;
using Orchestrator.Eventing;
using Orchestrator.Testing;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// The one write path every service uses (load → decide → append at the version decided on → save → conflict), on a real
/// PostgreSQL: a writer that lost the race to another is refused with nothing saved, and a refused decision saves nothing.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class WritePathTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        var connection = await fixture.Infrastructure.CreateDatabaseAsync("writepath");
        _store = DocumentStore.For(options =>
        {
            options.Connection(connection);
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Projections.Add<TallyProjection>(ProjectionLifecycle.Live);
        });
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Of_two_writers_decided_on_the_same_version_the_second_to_save_is_refused_and_saves_nothing()
    {
        var id = await StartAsync(2);
        await using var first = _store.LightweightSession();
        await using var second = _store.LightweightSession();
        var firstStream = await OpenAsync(first, id);
        var secondStream = await OpenAsync(second, id);

        var won = await first.WriteAsync(firstStream, tally => Decision.Accept(new Counted(tally!.Count + 1)), CancellationToken.None);
        var lost = await second.WriteAsync(secondStream, tally => Decision.Accept(new Counted(tally!.Count + 1), new Counted(tally.Count + 2)), CancellationToken.None);

        Assert.Null(won.Problem);
        Assert.Equal(3, won.State!.Count);
        Assert.Equal(Refusal.Conflict, lost.Problem?.Kind);
        Assert.Contains("tally", lost.Problem!.Detail);
        Assert.Empty(lost.Events);
        Assert.Equal(3, await LengthAsync(id));
    }

    [Fact]
    public async Task Two_writers_that_start_the_same_stream_at_once_leave_one_start()
    {
        var id = Guid.CreateVersion7();
        await using var first = _store.LightweightSession();
        await using var second = _store.LightweightSession();
        var firstStream = await OpenAsync(first, id);
        var secondStream = await OpenAsync(second, id);

        var won = await first.WriteAsync(firstStream, tally => tally is null ? Decision.Accept(new Counted(1)) : Decision.Unchanged, CancellationToken.None);
        var lost = await second.WriteAsync(secondStream, tally => tally is null ? Decision.Accept(new Counted(1)) : Decision.Unchanged, CancellationToken.None);

        Assert.Null(won.Problem);
        Assert.Equal(Refusal.Conflict, lost.Problem?.Kind);
        Assert.Equal(1, await LengthAsync(id));
    }

    [Fact]
    public async Task A_refused_or_unchanged_decision_saves_nothing()
    {
        var id = await StartAsync(1);
        await using var session = _store.LightweightSession();

        var refused = await session.WriteAsync(await OpenAsync(session, id), _ => Decision.Invalid("no"), CancellationToken.None);
        var unchanged = await session.WriteAsync(await OpenAsync(session, id), _ => Decision.Unchanged, CancellationToken.None);

        Assert.Equal(new DecisionProblem(Refusal.Invalid, "Invalid request", "no"), refused.Problem);
        Assert.Null(unchanged.Problem);
        Assert.Empty(unchanged.Events);
        Assert.Equal(1, unchanged.State!.Count);
        Assert.Equal(1, await LengthAsync(id));
    }

    [Fact]
    public async Task A_client_that_read_an_older_version_is_refused_before_anything_is_decided()
    {
        var id = await StartAsync(3);
        await using var session = _store.LightweightSession();
        var decided = false;

        var stale = await session.WriteAsync(await OpenAsync(session, id), _ =>
        {
            decided = true;
            return Decision.Accept(new Counted(4));
        }, CancellationToken.None, expectedVersion: 2);
        var current = await session.WriteAsync(await OpenAsync(session, id), tally => Decision.Accept(new Counted(tally!.Count + 1)), CancellationToken.None, expectedVersion: 3);

        Assert.False(decided);
        Assert.Equal(Refusal.Conflict, stale.Problem?.Kind);
        Assert.Contains("version 3, not 2", stale.Problem!.Detail);
        Assert.Null(current.Problem);
        Assert.Equal(4, await LengthAsync(id));
    }

    private static Task<MartenStream<Tally>> OpenAsync(IDocumentSession session, Guid id) =>
        session.OpenAsync<Tally>(id, "tally", TallyEvolution.Evolve, CancellationToken.None);

    private async Task<Guid> StartAsync(int events)
    {
        var id = Guid.CreateVersion7();
        await using var session = _store.LightweightSession();
        session.Events.StartStream<Tally>(id, Enumerable.Range(1, events).Select(n => (object)new Counted(n)).ToArray());
        await session.SaveChangesAsync();
        return id;
    }

    private async Task<long> LengthAsync(Guid id)
    {
        await using var query = _store.QuerySession();
        return (await query.Events.FetchStreamStateAsync(id))?.Version ?? 0;
    }
}

public sealed record Counted(int Count);

/// <summary>A stream's state for the write path's tests: the count its last event carries.</summary>
public sealed record Tally(Guid Id, int Count);

public static class TallyEvolution
{
    public static Tally? Evolve(Tally? tally, object e) => e is Counted counted ? new Tally(tally?.Id ?? Guid.Empty, counted.Count) : tally;
}

public sealed class TallyProjection : SingleStreamProjection<Tally, Guid>
{
    public override Tally? Evolve(Tally? snapshot, Guid id, IEvent e) => TallyEvolution.Evolve(snapshot, e.Data) is { } tally ? tally with { Id = id } : null;
}
