extern alias conversation;
extern alias executor;
extern alias planner;
extern alias promptanalytics;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;
using Orchestrator.Testing;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// Creating a plan in the Planner reaches Executor, Conversation and PromptAnalytics through the
/// Marten relay and RabbitMQ; each records it in its own schema exactly once, even when redelivered.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PlanCreatedFlowTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, long> _duplicates = new();
    private MeterListener? _listener;
    private ServiceHost<planner::Program>? _planner;
    private ServiceHost<executor::Program>? _executor;
    private ServiceHost<conversation::Program>? _conversation;
    private ServiceHost<promptanalytics::Program>? _promptAnalytics;

    public async Task InitializeAsync()
    {
        _listener = new MeterListener();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EventingMetrics.MeterName && instrument.Name == "orchestrator.messages.duplicates")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "consumer")
                {
                    _duplicates.AddOrUpdate((string)tag.Value!, value, (_, old) => old + value);
                }
            }
        });
        _listener.Start();

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await fixture.Infrastructure.CreateDatabaseAsync("flow"),
            ["ConnectionStrings:rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
        };
        _planner = new ServiceHost<planner::Program>(settings);
        _executor = new ServiceHost<executor::Program>(settings);
        _conversation = new ServiceHost<conversation::Program>(settings);
        _promptAnalytics = new ServiceHost<promptanalytics::Program>(settings);
        foreach (var host in new IDisposable[] { _planner, _executor, _conversation, _promptAnalytics })
        {
            ((dynamic)host).StartClient();
        }
    }

    [Fact]
    public async Task Creating_a_plan_is_recorded_once_by_every_other_service_even_when_redelivered()
    {
        using var plannerClient = _planner!.StartClient();
        var created = await plannerClient.PostAsJsonAsync("/api/plans", new { request = "Add a shopping cart to my shop" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var plan = await created.Content.ReadFromJsonAsync<PlanDto>(ApiJson.Options);
        var root = Assert.Single(plan!.Tasks);

        using var executorClient = _executor!.StartClient();
        using var conversationClient = _conversation!.StartClient();
        using var analyticsClient = _promptAnalytics!.StartClient();
        await Eventually.GetAsync(() => GetOrNull(executorClient, $"/api/executions?planId={plan.Id}", body => body.Contains(root.Id.ToString())), Patience, "the Executor to register the root task");
        await Eventually.GetAsync(() => GetOrNull(conversationClient, $"/api/conversations/{root.ConversationId}"), Patience, "the Conversation service to open the root conversation");
        await Eventually.GetAsync(() => GetOrNull(analyticsClient, $"/api/outcomes?subject={plan.Id}"), Patience, "PromptAnalytics to register the plan");

        // Deliver the same integration event twice more, as the relay would after a crash mid-page.
        var relayed = await RelayedMessageAsync(plan.Id);
        var bus = _planner.Services.GetRequiredService<IBus>();
        await Task.WhenAll(
            bus.Publish(relayed.Message, c => c.MessageId = relayed.MessageId),
            bus.Publish(relayed.Message, c => c.MessageId = relayed.MessageId));

        string[] consumers =
        [
            typeof(executor::Orchestrator.Executor.Executions.RegisteringTask.PlanCreatedConsumer).FullName!,
            typeof(conversation::Orchestrator.Conversation.Conversations.StartingConversation.PlanCreatedConsumer).FullName!,
            typeof(promptanalytics::Orchestrator.PromptAnalytics.Subjects.PlanCreatedConsumer).FullName!,
        ];
        await Eventually.GetAsync(
            () => Task.FromResult(consumers.All(c => _duplicates.GetValueOrDefault(c) >= 2) ? "" : null),
            Patience, "every consumer to drop both redeliveries");

        Assert.Equal(1, await StreamLengthAsync(_executor, root.Id));
        Assert.Equal(1, await StreamLengthAsync(_conversation, root.ConversationId));
        Assert.Equal(1, await StreamLengthAsync(_promptAnalytics, plan.Id));
        foreach (var consumer in consumers)
        {
            Assert.Equal(2, _duplicates[consumer]);
        }
    }

    private async Task<(PlanCreatedIntegrationEvent Message, Guid MessageId)> RelayedMessageAsync(Guid planId)
    {
        await using var session = _planner!.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var created = (await session.Events.FetchStreamAsync(planId))[0];
        var data = (planner::Orchestrator.Planner.Plans.PlanCreated)created.Data;
        return (new PlanCreatedIntegrationEvent(data.PlanId, data.Title, data.Request, data.RootTaskId, data.RootConversationId, data.At), created.Id);
    }

    private static async Task<int> StreamLengthAsync<T>(ServiceHost<T> host, Guid streamId) where T : class
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(streamId)).Count;
    }

    private static async Task<string?> GetOrNull(HttpClient client, string path, Func<string, bool>? accept = null)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        return accept is null || accept(body) ? body : null;
    }

    public async Task DisposeAsync()
    {
        _listener?.Dispose();
        foreach (var host in new IAsyncDisposable?[] { _promptAnalytics, _conversation, _executor, _planner })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    private sealed record TaskDto(Guid Id, Guid ConversationId);

    private sealed record PlanDto(Guid Id, IReadOnlyList<TaskDto> Tasks);
}
