using JasperFx;
using Marten;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Eventing;
using Orchestrator.Testing;
using Weasel.Core;

namespace Orchestrator.Eventing.IntegrationTests;

/// <summary>
/// The idempotent consumer every service builds on, in MassTransit's test harness on a real PostgreSQL: a message delivered
/// again, one after the other or several copies at once, has its effect once; a message with another id has its own.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class IdempotentConsumerTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private DocumentStore _store = null!;
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;
    private ConsumedMessages<Poke> _deliveries = null!;

    public async Task InitializeAsync()
    {
        var connection = await fixture.Infrastructure.CreateDatabaseAsync("idempotent");
        _store = DocumentStore.For(options =>
        {
            options.Connection(connection);
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            options.Schema.For<ProcessedMessage>();
            options.Schema.For<Effect>().Duplicate(e => e.MessageId);
        });
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDocumentStore>(_store)
            .AddSingleton<StreamGate>()
            .AddMassTransitTestHarness(bus => bus.AddConsumer<EffectConsumer>(c => c.UseConcurrentMessageLimit(8)))
            .BuildServiceProvider(true);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _deliveries = new ConsumedMessages<Poke>(_harness.Bus);
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_message_delivered_again_later_has_its_effect_once()
    {
        var id = Guid.NewGuid();
        await _harness.Bus.Publish(new Poke("first"), c => c.MessageId = id);
        await ConsumedAsync(1);
        await _harness.Bus.Publish(new Poke("first"), c => c.MessageId = id);
        await ConsumedAsync(2);

        Assert.Equal(1, await EffectsOfAsync(id));
        await using var session = _store.QuerySession();
        Assert.NotNull(await session.LoadAsync<ProcessedMessage>(ProcessedMessage.KeyFor(typeof(EffectConsumer).FullName!, id)));
    }

    [Fact]
    public async Task Copies_delivered_at_the_same_moment_have_one_effect_and_another_message_its_own()
    {
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _harness.Bus.Publish(new Poke("copy"), c => c.MessageId = id))
            .Append(_harness.Bus.Publish(new Poke("other"), c => c.MessageId = other)));
        await ConsumedAsync(7);

        Assert.Equal(1, await EffectsOfAsync(id));
        Assert.Equal(1, await EffectsOfAsync(other));
    }

    private Task ConsumedAsync(int count) => _deliveries.AtLeastAsync(count);

    private async Task<int> EffectsOfAsync(Guid messageId)
    {
        await using var session = _store.QuerySession();
        return await session.Query<Effect>().CountAsync(e => e.MessageId == messageId);
    }

    public sealed record Poke(string Text);

    public sealed record Effect(Guid Id, Guid MessageId, string Text);

    public sealed class EffectConsumer(IDocumentStore store, ILogger<EffectConsumer> logger) : IdempotentConsumer<Poke>(store, logger)
    {
        protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<Poke> context)
        {
            // Long enough for concurrent copies to overlap: each reads "not handled yet" before any commits.
            await Task.Delay(50, context.CancellationToken);
            session.Store(new Effect(Guid.NewGuid(), context.MessageId!.Value, context.Message.Text));
        }
    }
}
