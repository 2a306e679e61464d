extern alias executor;

using System.Collections.Concurrent;
using System.Net.Http.Json;
using MassTransit;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Microsoft.Extensions.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.Executor.IntegrationTests;

/// <summary>
/// The Executor on real Kestrel, PostgreSQL (a database of its own) and RabbitMQ, next to a test bus
/// that plays the Planner (publishes "task ready"), the Conversation service (<see cref="FakeConversation"/>)
/// and an observer of everything the Executor publishes.
/// </summary>
public sealed class ExecutorHarness : IAsyncDisposable
{
    private ExecutorHarness(ServiceHost<executor::Program> executor, IBusControl bus, FakeConversation conversation, ConcurrentQueue<ConsumeContext> published)
    {
        Executor = executor;
        Bus = bus;
        Conversation = conversation;
        Published = published;
        Client = executor.StartClient();
    }

    public ServiceHost<executor::Program> Executor { get; }

    public HttpClient Client { get; }

    public IBusControl Bus { get; }

    public FakeConversation Conversation { get; }

    /// <summary>Every integration event the Executor published, with its message id.</summary>
    public ConcurrentQueue<ConsumeContext> Published { get; }

    public static async Task<ExecutorHarness> StartAsync(Infrastructure infrastructure, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await infrastructure.CreateDatabaseAsync("executor"),
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
            ["Orchestrator:Executor:TurnRetryDelay"] = "00:00:00.200",
            ["Orchestrator:Executor:SchedulerInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var conversation = new FakeConversation();
        var published = new ConcurrentQueue<ConsumeContext>();
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(infrastructure.RabbitMqUri);
            rabbit.ReceiveEndpoint(FakeConversation.Queue, e =>
            {
                e.ConcurrentMessageLimit = 64;
                e.PrefetchCount = 64;
                e.Handler<Orchestrator.Contracts.Conversations.RunConversationTurn>(conversation.HandleAsync);
            });
            rabbit.ReceiveEndpoint($"executor-tests-observer-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler(Record<TaskStartedIntegrationEvent>(published));
                e.Handler(Record<TaskCompletedIntegrationEvent>(published));
                e.Handler(Record<TaskFailedIntegrationEvent>(published));
                e.Handler(Record<TaskInputRequestedIntegrationEvent>(published));
                e.Handler(Record<TaskResumedIntegrationEvent>(published));
                e.Handler(Record<TaskRetryRequestedIntegrationEvent>(published));
                e.Handler(Record<TaskExecutionCancelledIntegrationEvent>(published));
            });
        });
        await bus.StartAsync();
        return new ExecutorHarness(new ServiceHost<executor::Program>(settings), bus, conversation, published);
    }

    private static MessageHandler<T> Record<T>(ConcurrentQueue<ConsumeContext> published) where T : class => context =>
    {
        published.Enqueue(context);
        return Task.CompletedTask;
    };

    public IEnumerable<T> PublishedOf<T>(Guid taskId) where T : class =>
        Published.Select(c => c.TryGetMessage<T>(out var m) ? m.Message : null).OfType<T>().Where(m => (Guid)typeof(T).GetProperty("TaskId")!.GetValue(m)! == taskId);

    public Task<T> WaitForAsync<T>(Guid taskId, TimeSpan? patience = null) where T : class =>
        Eventually.GetAsync(() => Task.FromResult(PublishedOf<T>(taskId).FirstOrDefault()), patience ?? TimeSpan.FromSeconds(30), $"{typeof(T).Name} for task {taskId}");

    public Task ReadyAsync(TaskReadyIntegrationEvent ready, Guid? messageId = null) =>
        Bus.Publish(ready, c => c.MessageId = messageId ?? Guid.NewGuid());

    public async Task<ExecutionDto> ExecutionAsync(Guid planId, Guid taskId)
    {
        var all = await Client.GetFromJsonAsync<List<ExecutionDto>>($"/api/executions?planId={planId}", ApiJson.Options);
        return all!.Single(e => e.TaskId == taskId);
    }

    public static TaskReadyIntegrationEvent Ready(Guid planId, TaskExecutionMode mode, IReadOnlyList<string>? outputs = null, int attempt = 1, Guid? taskId = null) =>
        new(planId, taskId ?? Guid.NewGuid(), Guid.NewGuid(), "Design the cart", "Design a shopping cart for the shop.", mode, outputs ?? [], [], attempt, DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Bus.StopAsync();
        await Executor.DisposeAsync();
    }
}

public sealed record ExecutionDto(Guid TaskId, Guid PlanId, string Status, int Attempts, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, long Tokens, int Turns, string? Question, string? LastError);
