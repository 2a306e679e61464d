using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Testing;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>The client other services use: resolves through real HTTP, caches, and falls back to the built-ins when the service is down or slow.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PromptClientTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private PromptAnalyticsService? _service;

    private PromptAnalyticsService Service => _service!;

    public async Task InitializeAsync() => _service = await PromptAnalyticsService.StartAsync(fixture, "client");

    public async Task DisposeAsync() => await Service.DisposeAsync();

    [Fact]
    public async Task Resolves_from_the_library_caches_per_subject_and_renders()
    {
        using var host = ClientHost(Service.BaseAddress, out _);
        var client = host.Services.GetRequiredService<IPromptClient>();
        var subject = Guid.NewGuid();

        var first = await client.ResolveAsync(PromptNames.Decompose, subject, CancellationToken.None);
        await Service.PostAsync<VersionDto>("/api/prompts/decompose/versions", new { text = "Plan: {{$request}} (depth {{$depth}})", labels = new[] { "production" } });
        var cached = await client.ResolveAsync(PromptNames.Decompose, subject, CancellationToken.None);
        var fresh = await client.ResolveAsync(PromptNames.Decompose, Guid.NewGuid(), CancellationToken.None);
        var rendered = await client.RenderAsync(fresh, new Dictionary<string, object?> { ["request"] = "a \"cart\" <now>", ["depth"] = 1 }, CancellationToken.None);

        Assert.Equal("decompose:1", first.VersionId);
        Assert.False(first.IsFallback);
        Assert.Equal(DecompositionSchema.Name, first.Parameters.ResponseSchema);
        Assert.Equal(first, cached);
        Assert.Equal("decompose:2", fresh.VersionId);
        Assert.Equal("Plan: a \"cart\" <now> (depth 1)", rendered);
    }

    [Fact]
    public async Task Falls_back_to_the_built_in_when_the_service_is_down_and_warns_once()
    {
        var closed = new Uri($"http://127.0.0.1:{Ports.GetFree()}/");
        using var host = ClientHost(closed, out var warnings);
        var client = host.Services.GetRequiredService<IPromptClient>();

        var watch = Stopwatch.StartNew();
        var first = await client.ResolveAsync(PromptNames.Execute, Guid.NewGuid(), CancellationToken.None);
        var firstTook = watch.Elapsed;
        watch.Restart();
        var second = await client.ResolveAsync(PromptNames.Execute, Guid.NewGuid(), CancellationToken.None);
        var secondTook = watch.Elapsed;
        var other = await client.ResolveAsync(PromptNames.Recap, Guid.NewGuid(), CancellationToken.None);

        Assert.True(first.IsFallback);
        Assert.Equal("builtin:execute:1", first.VersionId);
        Assert.Equal(BuiltInPrompts.Execute.Text, first.Text);
        Assert.Equal("builtin:recap:1", other.VersionId);
        Assert.True(firstTook < TimeSpan.FromSeconds(3), $"the first fallback took {firstTook}");
        // Trying the closed port again would take the resilience handler's retries up to the 2 s timeout, as the first call did.
        Assert.True(secondTook < TimeSpan.FromSeconds(1), $"the fallback while the service is known down took {secondTook}; it should not try the network");
        Assert.Equal("builtin:execute:1", second.VersionId);
        Assert.Single(warnings);
    }

    [Fact]
    public async Task Falls_back_when_the_service_is_too_slow()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = Ports.GetFree();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var slow = builder.Build();
        slow.MapGet("/api/prompts/{name}/resolve", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return TypedResults.Ok();
        });
        await slow.StartAsync();
        using var host = ClientHost(new Uri($"http://127.0.0.1:{port}/"), out var warnings, TimeSpan.FromMilliseconds(300));
        var client = host.Services.GetRequiredService<IPromptClient>();

        var watch = Stopwatch.StartNew();
        var resolved = await client.ResolveAsync(PromptNames.Chat, Guid.NewGuid(), CancellationToken.None);

        Assert.True(resolved.IsFallback);
        Assert.Equal(BuiltInPrompts.Chat.VersionId, resolved.VersionId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the fallback took {watch.Elapsed}");
        Assert.Contains("did not answer within 300 ms", Assert.Single(warnings), StringComparison.Ordinal);
    }

    private static IHost ClientHost(Uri baseAddress, out ConcurrentQueue<string> warnings, TimeSpan? timeout = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Orchestrator:Prompts:BaseAddress"] = baseAddress.ToString();
        builder.Configuration["Orchestrator:Prompts:Timeout"] = (timeout ?? TimeSpan.FromSeconds(2)).ToString();
        builder.AddServiceDefaults();
        builder.AddPromptClient();
        var captured = new ConcurrentQueue<string>();
        builder.Logging.AddProvider(new WarningCollector(captured));
        warnings = captured;
        return builder.Build();
    }

    private sealed class WarningCollector(ConcurrentQueue<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => categoryName == typeof(HttpPromptClient).FullName ? new Collector(warnings) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning)
                {
                    warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
