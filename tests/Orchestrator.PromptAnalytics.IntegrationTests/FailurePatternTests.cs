using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Orchestrator.Testing;

namespace Orchestrator.PromptAnalytics.IntegrationTests;

/// <summary>Failed tasks from RabbitMQ are grouped by kind, prompt version and mode, once each, and listed largest first.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class FailurePatternTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private PromptAnalyticsService? _service;

    private PromptAnalyticsService Service => _service!;

    public async Task InitializeAsync() => _service = await PromptAnalyticsService.StartAsync(fixture, "failures");

    public async Task DisposeAsync() => await Service.DisposeAsync();

    [Fact]
    public async Task Failed_tasks_are_grouped_largest_first_with_examples_that_name_their_conversations()
    {
        var plan = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var bus = Service.Services.GetRequiredService<IBus>();
        var conversations = new List<Guid>();
        var redelivered = Guid.NewGuid();

        foreach (var seconds in new[] { 600, 300, 120 })
        {
            var conversation = Guid.NewGuid();
            conversations.Add(conversation);
            var failure = new TaskFailedIntegrationEvent(plan, Guid.NewGuid(), $"Timed out after {seconds} s without finishing.", 1, "execute:1", now.AddSeconds(-seconds), TaskExecutionMode.Autonomous, conversation);
            await bus.Publish(failure, c => c.MessageId = seconds == 600 ? redelivered : Guid.NewGuid());
            if (seconds == 600)
            {
                // The broker delivers at least once: the same message again must not count twice.
                await bus.Publish(failure, c => c.MessageId = redelivered);
            }
        }

        await bus.Publish(new TaskFailedIntegrationEvent(plan, Guid.NewGuid(), "HTTP 429 Too Many Requests (request req_8f3kq2x9)", 2, "execute:1", now, TaskExecutionMode.Hybrid, Guid.NewGuid()));
        await bus.Publish(new TaskFailedIntegrationEvent(plan, Guid.NewGuid(), "HTTP 429 Too Many Requests (request req_77hh1abc)", 2, "execute:1", now, TaskExecutionMode.Hybrid, Guid.NewGuid()));
        await bus.Publish(new TaskFailedIntegrationEvent(plan, Guid.NewGuid(), "content refused", 1, null, now));

        // The groups are an async projection: wait until they hold all six distinct failures and stop changing.
        IReadOnlyList<FailurePatternDto>? previous = null;
        var patterns = await Eventually.GetAsync(async () =>
        {
            var p = await Service.GetAsync<List<FailurePatternDto>>("/api/analytics/failures");
            var settled = previous is not null && p.Sum(g => g.Count) == 6 && p.Select(g => g.Count).SequenceEqual(previous.Select(g => g.Count));
            previous = p;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return settled ? p : null;
        }, Patience, "six failures in their groups");

        Assert.Equal(["timeout|execute:1|autonomous", "rate-limit|execute:1|hybrid", "refused|none|unknown"], patterns.Select(p => p.Key));
        var timeouts = patterns[0];
        Assert.Equal(3, timeouts.Count);
        Assert.Equal("Timed out after <n> s without finishing.", timeouts.Reason);
        Assert.Equal(["execute:1"], timeouts.PromptVersionIds);
        Assert.Equal(["autonomous"], timeouts.Modes);
        Assert.Equal(conversations.AsEnumerable().Reverse(), timeouts.Examples.Select(e => e.ConversationId!.Value));
        Assert.All(timeouts.Examples, e => Assert.Equal(plan, e.PlanId));
        Assert.Equal(now.AddSeconds(-120).ToUnixTimeMilliseconds(), timeouts.LastSeen.ToUnixTimeMilliseconds());
        Assert.Equal("HTTP <n> Too Many Requests (request <id>)", patterns[1].Reason);
        Assert.Equal(2, patterns[1].Count);
        Assert.Empty(patterns[2].PromptVersionIds);

        var onlyRefused = await Service.GetAsync<List<FailurePatternDto>>("/api/analytics/failures?kind=refused&limit=5");
        Assert.Equal("refused|none|unknown", Assert.Single(onlyRefused).Key);
        Assert.Single(await Service.GetAsync<List<FailurePatternDto>>("/api/analytics/failures?limit=1"));
    }

    [Theory]
    [InlineData("?kind=explosion", "'kind' 'explosion' is not a kind of failure")]
    [InlineData("?limit=0", "'limit' must be a whole number from 1 to 100")]
    [InlineData("?limit=lots", "'limit' must be a whole number from 1 to 100")]
    public async Task Bad_filters_get_a_problem_that_says_what_to_fix(string query, string detail)
    {
        using var response = await Service.Client.GetAsync(new Uri("/api/analytics/failures" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();
        Assert.Contains(detail, problem!.Detail, StringComparison.Ordinal);
    }
}
