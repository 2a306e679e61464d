using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Testing;

/// <summary>
/// A service's own wiring (its <c>Add…Services</c>) in a host of its own, on a database of its own, with MassTransit's
/// test harness (<c>AddMassTransitTestHarness</c>) in place of the RabbitMQ transport: the service's consumers as it
/// registers them, fed and watched through <see cref="Harness"/>, and what it publishes after its commits in the
/// harness's published messages.
/// </summary>
public sealed class ConsumerHost : IAsyncDisposable
{
    private readonly WebApplication _host;

    private ConsumerHost(WebApplication host)
    {
        _host = host;
        Harness = host.Services.GetTestHarness();
    }

    public ITestHarness Harness { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the service wired by <paramref name="addServices"/> with <paramref name="settings"/> over its defaults.</summary>
    public static async Task<ConsumerHost> StartAsync(
        Infrastructure infrastructure, string database, Action<IHostApplicationBuilder> addServices, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // A web application, as the services are (their wiring registers web services such as the OpenAPI document's), on a free port.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await infrastructure.CreateDatabaseAsync(database),
            // The service checks that it is configured; the harness's in-memory transport takes its place.
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        addServices(builder);
        builder.Services.AddMassTransitTestHarness();
        var host = builder.Build();
        var started = new ConsumerHost(host);
        // The harness starts the host's hosted services itself, the bus among them.
        await started.Harness.Start();
        return started;
    }

    /// <summary>Publishes <paramref name="message"/> with the message id <paramref name="messageId"/>, as a producer's relay does.</summary>
    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        Harness.Bus.Publish(message, context => context.MessageId = messageId);

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _host.StopAsync();
        await _host.DisposeAsync();
    }
}

/// <summary>
/// Counts every delivery of <typeparamref name="T"/> that a consumer finished, repeats included: the test harness's own
/// lists keep one entry per message id, so they cannot show a redelivery.
/// </summary>
public sealed class ConsumedMessages<T> : IConsumeMessageObserver<T> where T : class
{
    private int _count;

    /// <summary>Counts what <paramref name="bus"/>'s consumers finish from now on.</summary>
    public ConsumedMessages(IBus bus) => bus.ConnectConsumeMessageObserver(this);

    public int Count => Volatile.Read(ref _count);

    /// <summary>Waits until consumers have finished <paramref name="count"/> deliveries in all.</summary>
    public Task AtLeastAsync(int count) =>
        Eventually.GetAsync(() => Task.FromResult(Count >= count ? "consumed" : null), TimeSpan.FromSeconds(30), $"{count} deliveries of {typeof(T).Name} consumed");

    public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<T> context)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception) => Task.CompletedTask;
}
