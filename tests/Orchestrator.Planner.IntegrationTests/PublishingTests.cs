extern alias executor;
extern alias planner;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Eventing;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// A service's integration events go on the bus right after the commit that appends their events, without
/// waiting for the async daemon; the daemon's relay is the backstop that publishes, exactly once, whatever the
/// fast path did not, and skips what it did.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PublishingTests(InfrastructureFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string Consumer = typeof(executor::Orchestrator.Executor.Executions.RegisteringTask.PlanCreatedConsumer).FullName!;

    private readonly ConcurrentDictionary<string, long> _handled = new();
    private readonly ConcurrentDictionary<string, long> _duplicates = new();
    private readonly List<IAsyncDisposable> _hosts = [];
    private MeterListener? _listener;
    private Dictionary<string, string?> _settings = [];

    public async Task InitializeAsync()
    {
        _listener = new MeterListener();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EventingMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var counts = instrument.Name == "orchestrator.messages.duplicates" ? _duplicates : _handled;
            foreach (var tag in tags)
            {
                if (tag.Key == "consumer")
                {
                    counts.AddOrUpdate((string)tag.Value!, value, (_, old) => old + value);
                }
            }
        });
        _listener.Start();
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await fixture.Infrastructure.CreateDatabaseAsync("publishing"),
            ["ConnectionStrings:rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
        };
    }

    [Fact]
    public async Task A_plan_reaches_the_Executor_right_after_its_commit_with_the_Planners_daemon_off()
    {
        var (planner, executor) = Start(new() { ["Orchestrator:EventStore:RunDaemon"] = "false" });

        var clock = Stopwatch.StartNew();
        var plan = await CreatePlanAsync(planner);
        await WaitForRegistrationAsync(executor, plan, TimeSpan.FromSeconds(10));

        output.WriteLine($"commit to registration in the Executor: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(1, await StreamLengthAsync(executor, plan.Tasks[0].Id));
    }

    [Fact]
    public async Task When_nothing_is_published_after_the_commit_the_relay_delivers_each_event_exactly_once()
    {
        var (planner, executor) = Start(new() { ["Orchestrator:EventStore:DispatchOnCommit"] = "false" });

        var plan = await CreatePlanAsync(planner);
        await WaitForRegistrationAsync(executor, plan, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, await StreamLengthAsync(executor, plan.Tasks[0].Id));
        Assert.Equal(1, _handled.GetValueOrDefault(Consumer));
        Assert.Equal(0, _duplicates.GetValueOrDefault(Consumer));
    }

    [Fact]
    public async Task The_relay_skips_what_was_published_after_the_commit()
    {
        var (planner, executor) = Start([]);

        var plan = await CreatePlanAsync(planner);
        await WaitForRegistrationAsync(executor, plan, TimeSpan.FromSeconds(10));
        var created = await PlanCreatedEventIdAsync(planner, plan.Id);
        // The relay deletes the mark of each event the fast path published once it has skipped it.
        await Eventually.GetAsync(async () =>
        {
            await using var session = planner.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<DispatchedEvent>(created) is null ? "" : null;
        }, TimeSpan.FromSeconds(30), "the relay to pass the plan's creation");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await StreamLengthAsync(executor, plan.Tasks[0].Id));
        Assert.Equal(1, _handled.GetValueOrDefault(Consumer));
        Assert.Equal(0, _duplicates.GetValueOrDefault(Consumer));
    }

    private (ServiceHost<planner::Program> Planner, ServiceHost<executor::Program> Executor) Start(Dictionary<string, string?> plannerSettings)
    {
        var planner = new ServiceHost<planner::Program>(new Dictionary<string, string?>(_settings.Concat(plannerSettings)));
        var executor = new ServiceHost<executor::Program>(_settings);
        _hosts.Add(planner);
        _hosts.Add(executor);
        planner.StartClient().Dispose();
        executor.StartClient().Dispose();
        return (planner, executor);
    }

    private static async Task<PlanDto> CreatePlanAsync(ServiceHost<planner::Program> planner)
    {
        using var client = planner.StartClient();
        var created = await client.PostAsJsonAsync("/api/plans", new { request = "Add a shopping cart to my shop" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<PlanDto>(ApiJson.Options))!;
    }

    private static async Task WaitForRegistrationAsync(ServiceHost<executor::Program> executor, PlanDto plan, TimeSpan patience)
    {
        using var client = executor.StartClient();
        await Eventually.GetAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri($"/api/executions?planId={plan.Id}", UriKind.Relative));
            var body = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
            return body.Contains(plan.Tasks[0].Id.ToString(), StringComparison.Ordinal) ? body : null;
        }, patience, "the Executor to register the root task");
    }

    private static async Task<Guid> PlanCreatedEventIdAsync(ServiceHost<planner::Program> planner, Guid planId)
    {
        await using var session = planner.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(planId))[0].Id;
    }

    private static async Task<int> StreamLengthAsync(ServiceHost<executor::Program> host, Guid streamId)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(streamId)).Count;
    }

    public async Task DisposeAsync()
    {
        _listener?.Dispose();
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
    }

    private sealed record TaskDto(Guid Id, Guid ConversationId);

    private sealed record PlanDto(Guid Id, IReadOnlyList<TaskDto> Tasks);
}
