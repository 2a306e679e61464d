extern alias modelsim;
extern alias planner;
extern alias promptanalytics;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Contracts.Execution;
using Orchestrator.Testing;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// A plan's whole life through the Planner's HTTP API, with the model simulator and PromptAnalytics
/// over real HTTP and the Executor's reports arriving over RabbitMQ: decompose, edit with If-Match,
/// approve, run, aggregate, complete, and replay the history.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PlanLifecycleTests(InfrastructureFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceHost<modelsim::Program>? _simulator;
    private ServiceHost<promptanalytics::Program>? _promptAnalytics;
    private ServiceHost<planner::Program>? _planner;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _simulator = new ServiceHost<modelsim::Program>(new Dictionary<string, string?>());
        _simulator.StartClient().Dispose();
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = await fixture.Infrastructure.CreateDatabaseAsync("lifecycle"),
            ["ConnectionStrings:rabbitmq"] = fixture.Infrastructure.RabbitMqUri.ToString(),
        };
        _promptAnalytics = new ServiceHost<promptanalytics::Program>(shared);
        _promptAnalytics.StartClient().Dispose();
        _planner = new ServiceHost<planner::Program>(new Dictionary<string, string?>(shared)
        {
            ["services:modelsim:http:0"] = _simulator.BaseAddress.ToString().TrimEnd('/'),
            ["services:promptanalytics:http:0"] = _promptAnalytics.BaseAddress.ToString().TrimEnd('/'),
        });
        _client = _planner.StartClient();
    }

    [Fact]
    public async Task A_decomposed_plan_is_edited_approved_run_aggregated_and_replayable()
    {
        var plan = await PostAsync("/api/plans", new { request = "Add a shopping cart with coupons and a checkout page to my online shop" }, HttpStatusCode.Created);
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();

        var proposal = await PostAsync($"/api/plans/{planId}/tasks/{rootId}/decompose", new { }, HttpStatusCode.OK);
        Assert.Equal("split", proposal["action"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(proposal["promptVersionId"]!.GetValue<string>()));
        var proposed = proposal["tasks"]!.AsArray();
        Assert.True(proposed.Count >= 3, $"expected several subtasks, got {proposed.Count}");
        Assert.Contains(proposed, t => t!["dependsOn"]!.AsArray().Count > 0);
        Assert.True(proposed.Select(t => t!["mode"]!.GetValue<string>()).Distinct().Count() >= 2, "expected mixed modes");

        // A stale If-Match is refused and writes nothing.
        var version = proposal["version"]!.GetValue<long>();
        var first = proposed[0]!["id"]!.GetValue<Guid>();
        using (var stale = await SendAsync(HttpMethod.Patch, $"/api/plans/{planId}/tasks/{first}", new { title = "Renamed" }, version - 1))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Contains("version", (await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var edit = await SendAsync(HttpMethod.Patch, $"/api/plans/{planId}/tasks/{first}", new { title = "Renamed first task", mode = "autonomous" }, version))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
            Assert.Equal($"\"{version + 1}\"", edit.Headers.ETag!.Tag);
        }

        var cycle = await SendAsync(HttpMethod.Patch, $"/api/plans/{planId}/tasks/{first}", new { dependsOn = proposed.Select(t => t!["id"]!.GetValue<Guid>()).Where(id => id != first).ToArray() }, null);
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Equal(version + 1, (await GetAsync($"/api/plans/{planId}"))["version"]!.GetValue<long>());

        var running = await PostAsync($"/api/plans/{planId}/approve", new { }, HttpStatusCode.OK);
        Assert.Equal("running", running["status"]!.GetValue<string>());

        // Play the Executor: run every ready task until the plan finishes.
        var bus = _planner!.Services.GetRequiredService<IBus>();
        var completed = new HashSet<Guid>();
        var finished = await Eventually.GetAsync(async () =>
        {
            var now = await GetAsync($"/api/plans/{planId}");
            foreach (var task in now["tasks"]!.AsArray().Where(t => t!["status"]!.GetValue<string>() == "ready"))
            {
                var taskId = task!["id"]!.GetValue<Guid>();
                if (completed.Add(taskId))
                {
                    await bus.Publish(new TaskStartedIntegrationEvent(planId, taskId, 1, false, DateTimeOffset.UtcNow));
                    await bus.Publish(new TaskCompletedIntegrationEvent(planId, taskId, "done", $"Result of {task["title"]}", 1, 10, null, DateTimeOffset.UtcNow));
                }
            }

            return now["status"]!.GetValue<string>() == "completed" ? now : null;
        }, TimeSpan.FromSeconds(60), "the plan to complete");

        var root = finished["tasks"]!.AsArray().Single(t => t!["parentId"] is null)!;
        Assert.Equal("completed", root["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(root["result"]!.GetValue<string>()));

        // Replay: the plan as it was at the proposal, and the full history, without calling the model again.
        var history = (await GetNodeAsync($"/api/plans/{planId}/history")).AsArray();
        Assert.Equal("plan-created", history[0]!["type"]!.GetValue<string>());
        Assert.Contains(history, e => e!["type"]!.GetValue<string>() == "decomposition-proposed");
        Assert.Contains(history, e => e!["type"]!.GetValue<string>() == "task-readied");
        var atProposal = await GetAsync($"/api/plans/{planId}?version={version}");
        Assert.Equal("proposed", atProposal["status"]!.GetValue<string>());
        Assert.Equal(proposed[0]!["title"]!.GetValue<string>(), atProposal["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == first)!["title"]!.GetValue<string>());
        var diff = await GetAsync($"/api/plans/{planId}/diff?from={version}&to={version + 1}");
        Assert.Contains("Renamed first task", diff.ToJsonString(), StringComparison.Ordinal);

        // PromptAnalytics scored the decomposition's version: approved after one edit (not a clean success), then completed.
        var promptVersion = proposal["promptVersionId"]!.GetValue<string>();
        using var analytics = new HttpClient { BaseAddress = _promptAnalytics!.BaseAddress };
        var outcomes = await Eventually.GetAsync(async () =>
        {
            var subject = JsonNode.Parse(await analytics.GetStringAsync(new Uri($"/api/outcomes?subject={planId}", UriKind.Relative)))!["outcomes"]!.AsArray();
            return subject.Any(o => o!["metric"]!.GetValue<string>() == "completion") && subject.Any(o => o!["metric"]!.GetValue<string>() == "approval") ? subject : null;
        }, Patience, "the approval and completion outcomes in PromptAnalytics");
        var approval = outcomes.Single(o => o!["metric"]!.GetValue<string>() == "approval")!;
        Assert.Equal(promptVersion, approval["versionId"]!.GetValue<string>());
        Assert.False(approval["success"]!.GetValue<bool>());
        Assert.Equal(1.0, approval["value"]!.GetValue<double>());
        var completion = outcomes.Single(o => o!["metric"]!.GetValue<string>() == "completion")!;
        Assert.Equal(promptVersion, completion["versionId"]!.GetValue<string>());
        Assert.True(completion["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_burst_of_reports_each_delivered_twice_is_recorded_once_and_finishes_the_plan()
    {
        var plan = await PostAsync("/api/plans", new { request = "Review thirty product pages" }, HttpStatusCode.Created);
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var tasks = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            var task = await PostAsync($"/api/plans/{planId}/tasks", new { parentId = rootId, title = $"Review page {i}", mode = "autonomous" }, HttpStatusCode.Created);
            tasks.Add(task["id"]!.GetValue<Guid>());
        }

        await PostAsync($"/api/plans/{planId}/approve", new { }, HttpStatusCode.OK);
        var bus = _planner!.Services.GetRequiredService<IBus>();
        var now = DateTimeOffset.UtcNow;
        var started = tasks.Select(t => (Id: Guid.NewGuid(), Message: new TaskStartedIntegrationEvent(planId, t, 1, false, now))).ToList();
        var done = tasks.Select(t => (Id: Guid.NewGuid(), Message: new TaskCompletedIntegrationEvent(planId, t, "done", $"Result of {t}", 1, 10, null, now))).ToList();
        // Every report twice with the same message id, all at once: starts first, then completions.
        await Task.WhenAll(started.Concat(started).Select(r => bus.Publish(r.Message, c => c.MessageId = r.Id)));
        await Task.WhenAll(done.Concat(done).Select(r => bus.Publish(r.Message, c => c.MessageId = r.Id)));

        var finished = await Eventually.GetAsync(async () =>
        {
            var current = await GetAsync($"/api/plans/{planId}");
            return current["status"]!.GetValue<string>() == "completed" ? current : null;
        }, TimeSpan.FromSeconds(60), "the plan to complete");

        Assert.All(finished["tasks"]!.AsArray(), t => Assert.Equal("completed", t!["status"]!.GetValue<string>()));
        var history = (await GetNodeAsync($"/api/plans/{planId}/history")).AsArray();
        int Count(string type) => history.Count(e => e!["type"]!.GetValue<string>() == type);
        // A completion may overtake its task's start (they travel on different queues); then the late start changes nothing.
        var starts = history.Where(e => e!["type"]!.GetValue<string>() == "task-started").Select(e => e!["data"]!["taskId"]!.GetValue<Guid>()).ToList();
        Assert.Equal(starts.Count, starts.Distinct().Count());
        Assert.Equal(31, Count("task-completed"));
        // The root's aggregation was asked for once, though the reports were recorded in groups, each twice.
        Assert.Equal(1, Count("aggregation-requested"));
        Assert.Equal(30, Count("task-readied"));
        Assert.Equal(1, Count("plan-finished"));
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_and_leaves_the_plan_untouched()
    {
        using var empty = await _client.PostAsJsonAsync("/api/plans", new { request = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType!.MediaType);
        Assert.Contains("'request' is empty", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var plan = await PostAsync("/api/plans", new { request = "Write a report on cart abandonment" }, HttpStatusCode.Created);
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var child = await PostAsync($"/api/plans/{planId}/tasks", new { parentId = rootId, title = "Collect data" }, HttpStatusCode.Created);
        var before = await GetAsync($"/api/plans/{planId}");

        using (var unknown = await _client.PostAsJsonAsync($"/api/plans/{planId}/tasks", new { parentId = Guid.NewGuid(), title = "X" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var underSelf = await _client.PostAsJsonAsync($"/api/plans/{planId}/tasks/{rootId}/move", new { parentId = child["id"]!.GetValue<Guid>(), index = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, underSelf.StatusCode);
        }

        using (var badMode = await SendAsync(HttpMethod.Patch, $"/api/plans/{planId}/tasks/{rootId}", new { mode = "sometimes" }, null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
            Assert.Equal("application/problem+json", badMode.Content.Headers.ContentType!.MediaType);
            var detail = JsonNode.Parse(await badMode.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
            Assert.Equal("'mode' has a value that cannot be read; it takes one of \"interactive\", \"autonomous\", \"hybrid\".", detail);
        }

        using (var notJson = new HttpRequestMessage(HttpMethod.Patch, $"/api/plans/{planId}/tasks/{rootId}") { Content = new StringContent("{ title: ", System.Text.Encoding.UTF8, "application/json") })
        using (var malformed = await _client.SendAsync(notJson))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Contains("not valid JSON", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var missingPlan = await _client.GetAsync(new Uri($"/api/plans/{Guid.NewGuid()}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missingPlan.StatusCode);
        }

        var after = await GetAsync($"/api/plans/{planId}");
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task The_stored_plan_is_the_plan_its_events_replay_to_after_adds_moves_edits_and_deletes()
    {
        var plan = await PostAsync("/api/plans", new { request = "Plan a team offsite" }, HttpStatusCode.Created);
        var planId = plan["id"]!.GetValue<Guid>();
        var rootId = plan["tasks"]![0]!["id"]!.GetValue<Guid>();
        var ids = new List<Guid>();
        foreach (var title in new[] { "Venue", "Agenda", "Travel", "Budget" })
        {
            ids.Add((await PostAsync($"/api/plans/{planId}/tasks", new { parentId = rootId, title }, HttpStatusCode.Created))["id"]!.GetValue<Guid>());
        }

        var booking = (await PostAsync($"/api/plans/{planId}/tasks", new { parentId = ids[0], title = "Book the venue", dependsOn = new[] { ids[2] } }, HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await PostAsync($"/api/plans/{planId}/tasks/{ids[2]}/move", new { parentId = rootId, index = 0 }, HttpStatusCode.OK);
        await PostAsync($"/api/plans/{planId}/tasks/{booking}/move", new { parentId = ids[1], index = 0 }, HttpStatusCode.OK);
        using (var edited = await SendAsync(HttpMethod.Patch, $"/api/plans/{planId}/tasks/{ids[1]}", new { title = "Agenda and talks" }, null))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        using (var deleted = await _client.DeleteAsync(new Uri($"/api/plans/{planId}/tasks/{ids[3]}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var current = await GetAsync($"/api/plans/{planId}");
        var version = current["version"]!.GetValue<long>();
        var replayed = await GetAsync($"/api/plans/{planId}?version={version}");
        Assert.Equal(replayed.ToJsonString(), current.ToJsonString());
        Assert.Equal(["Plan a team offsite", "Travel", "Book the venue", "Venue", "Agenda and talks"], current["tasks"]!.AsArray().Select(t => t!["title"]!.GetValue<string>()));
        var summary = (await GetNodeAsync("/api/plans")).AsArray().Single(p => p!["id"]!.GetValue<Guid>() == planId)!;
        Assert.Equal(version, (await GetNodeAsync($"/api/plans/{planId}/history")).AsArray().Count);
        Assert.Equal(current["updatedAt"]!.ToJsonString(), summary["updatedAt"]!.ToJsonString());
    }

    [Fact]
    public async Task A_plan_recorded_as_events_alone_gets_its_documents_when_the_Planner_starts()
    {
        var (planId, rootId, taskId) = await RecordAsAnEarlierPlannerAsync("Older plan");

        using (var missing = await _client.GetAsync(new Uri($"/api/plans/{planId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var backfill = _planner!.Services.GetServices<IHostedService>().OfType<planner::Orchestrator.Planner.Plans.PlanDocumentBackfill>().Single();
        Assert.Equal(1, await backfill.RunAsync(CancellationToken.None));
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None));

        var plan = await GetAsync($"/api/plans/{planId}");
        Assert.Equal(2, plan["version"]!.GetValue<long>());
        Assert.Equal([rootId, taskId], plan["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>()));
        using var edited = await SendAsync(HttpMethod.Patch, $"/api/plans/{planId}/tasks/{taskId}", new { title = "Only step, renamed" }, 2);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Only step, renamed", (await GetAsync($"/api/plans/{planId}"))["tasks"]![1]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plan_document_written_before_it_held_the_plan_whole_is_written_again_when_the_Planner_starts()
    {
        var created = await PostAsync("/api/plans", new { request = "Plan the move to the new office", title = "Office move" }, HttpStatusCode.Created);
        var planId = created["id"]!.GetValue<Guid>();
        var rootId = created["tasks"]![0]!["id"]!.GetValue<Guid>();
        await PostAsync($"/api/plans/{planId}/tasks", new { parentId = rootId, title = "Pack", objective = "Pack the boxes." }, HttpStatusCode.Created);
        var before = await GetAsync($"/api/plans/{planId}");

        // The document as an earlier Planner wrote it: the header's fields, not the plan's state.
        var store = _planner!.Services.GetRequiredService<Marten.IDocumentStore>();
        var table = store.Options.Schema.For<planner::Orchestrator.Planner.Plans.PlanDocument>();
        await using (var session = store.LightweightSession())
        {
            session.QueueSqlCommand(
                $"update {table} set data = (data - 'plan') || jsonb_build_object('title', 'Office move', 'status', 'Draft') where id = ?", planId);
            await session.SaveChangesAsync();
        }

        var backfill = _planner.Services.GetServices<IHostedService>().OfType<planner::Orchestrator.Planner.Plans.PlanDocumentBackfill>().Single();
        Assert.Equal(1, await backfill.RunAsync(CancellationToken.None));
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None));

        Assert.Equal(before.ToJsonString(), (await GetAsync($"/api/plans/{planId}")).ToJsonString());
        Assert.Contains((await GetNodeAsync("/api/plans")).AsArray(), p => p!["id"]!.GetValue<Guid>() == planId && p["tasks"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task A_parent_an_earlier_Planner_left_waiting_for_its_aggregation_is_aggregated_when_the_Planner_starts()
    {
        // As an earlier Planner recorded it, which aggregated from its daemon: the last subtask's completion, and no request.
        var (planId, rootId, _) = await RecordAsAnEarlierPlannerAsync("Older running plan", approvedAndDone: true);

        var hosted = _planner!.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(1, await hosted.OfType<planner::Orchestrator.Planner.Plans.PlanDocumentBackfill>().Single().RunAsync(CancellationToken.None));
        var sweep = hosted.OfType<planner::Orchestrator.Planner.Plans.Progressing.PendingAggregationSweep>().Single();
        Assert.Equal(1, await sweep.RunAsync(CancellationToken.None));
        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None));

        var finished = await Eventually.GetAsync(async () =>
        {
            var plan = await GetAsync($"/api/plans/{planId}");
            return plan["status"]!.GetValue<string>() == "completed" ? plan : null;
        }, TimeSpan.FromSeconds(60), "the plan to complete with its root's combined result");
        var root = finished["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == rootId)!;
        Assert.False(string.IsNullOrWhiteSpace(root["result"]?.GetValue<string>()));
        var history = (await GetNodeAsync($"/api/plans/{planId}/history")).AsArray();
        Assert.Single(history, e => e!["type"]!.GetValue<string>() == "aggregation-requested");
    }

    /// <summary>
    /// A plan of a root and one step, written as events alone, as an earlier Planner left it: without documents, and, when
    /// <paramref name="approvedAndDone"/>, approved with its step completed and no request to aggregate the root.
    /// </summary>
    private async Task<(Guid PlanId, Guid RootId, Guid TaskId)> RecordAsAnEarlierPlannerAsync(string title, bool approvedAndDone = false)
    {
        var (planId, rootId, taskId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;
        List<object> events =
        [
            new planner::Orchestrator.Planner.Plans.PlanCreated(planId, title, "Recorded by an earlier Planner", rootId, Guid.NewGuid(), now),
            new planner::Orchestrator.Planner.Plans.TaskAdded(planId, taskId, rootId, "Only step", "Do it", planner::Orchestrator.Planner.Plans.TaskMode.Autonomous,
                [], [], 0, Guid.NewGuid(), planner::Orchestrator.Planner.Plans.TaskOrigin.Manual, now),
        ];
        if (approvedAndDone)
        {
            events.Add(new planner::Orchestrator.Planner.Plans.PlanApproved(planId, 0, now));
            events.Add(new planner::Orchestrator.Planner.Plans.TaskCompleted(planId, taskId, "Done", "The only step's result.", now));
        }

        await using var session = _planner!.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession();
        session.Events.StartStream<planner::Orchestrator.Planner.Plans.Plan>(planId, [.. events]);
        await session.SaveChangesAsync();
        return (planId, rootId, taskId);
    }

    private async Task<JsonObject> PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await _client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, long? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is { } v)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        }

        return await _client.SendAsync(request);
    }

    private async Task<JsonObject> GetAsync(string path) => (await GetNodeAsync(path)).AsObject();

    private async Task<JsonNode> GetNodeAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        foreach (var host in new IAsyncDisposable?[] { _planner, _promptAnalytics, _simulator })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}
