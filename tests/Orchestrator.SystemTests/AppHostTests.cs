using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace Orchestrator.SystemTests;

/// <summary>The whole system as <c>dotnet run --project AppHost</c> runs it: real servers, real services, real signals.</summary>
public sealed class AppHostTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("orchestrator-system-");

    [Fact]
    public async Task Starts_everything_serves_through_the_gateway_survives_a_crash_and_stops_without_leaving_anything_behind()
    {
        await using var host = AppHostProcess.Start(_state.FullName);
        try
        {
            var clock = Stopwatch.StartNew();
            var resources = await host.WaitUntilAllHealthyAsync(StartTimeout);
            output.WriteLine($"All healthy after {clock.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", resources.Select(r => $"{r.Name}({r.Pid})"))}");

            Assert.Superset(
                new HashSet<string> { "postgres", "rabbitmq", "planner", "executor", "conversation", "promptanalytics", "gateway" },
                resources.Select(r => r.Name).ToHashSet());
            Assert.All(resources, r => Assert.NotNull(r.Pid));
            Assert.Contains($"http://127.0.0.1:{host.Ports["Gateway"]}", resources.Single(r => r.Name == "gateway").Endpoints);

            using (var health = await host.Gateway.GetAsync("/health"))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            using (var unknown = await host.Gateway.GetAsync("/api/no-such-route"))
            {
                Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
                Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
            }

            using (var created = await host.Gateway.PostAsJsonAsync("/api/plans", new { request = "Add a shopping cart to my shop", title = "Cart" }))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var plan = await created.Content.ReadFromJsonAsync<CreatedPlan>(System.Text.Json.JsonSerializerOptions.Web);
                var root = Assert.Single(plan!.Tasks);

                // The Planner's PlanCreated reaches the other three services through the relay and RabbitMQ; each records it.
                await EventuallyOkAsync(host.Gateway, $"/api/executions?planId={plan.Id}", body => body.Contains(root.Id.ToString(), StringComparison.Ordinal));
                await EventuallyOkAsync(host.Gateway, $"/api/conversations/{root.ConversationId}", _ => true);
                await EventuallyOkAsync(host.Gateway, $"/api/outcomes?subject={plan.Id}", _ => true);
            }

            var page = await host.Dashboard.GetStringAsync("/");
            Assert.Contains("Orchestrator", page, StringComparison.Ordinal);
            var logs = await host.Dashboard.GetFromJsonAsync<List<LogLineView>>("/api/resources/planner/logs");
            Assert.NotEmpty(logs!);

            await AssertASecondAppHostIsRefusedAsync();
            await AssertACrashedServiceIsRestartedAsync(host, resources.Single(r => r.Name == "planner").Pid!.Value);
            await host.ResourcesAsync();
        }
        catch
        {
            output.WriteLine(host.OutputTail(200));
            throw;
        }

        var exitCode = await host.StopAsync(TimeSpan.FromMinutes(2));
        output.WriteLine(host.OutputTail(40));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(host.SeenPids, AppHostProcess.IsAlive);
        Assert.All(host.Ports, port => Assert.True(AppHostProcess.IsPortFree(port.Value), $"{port.Key} port {port.Value} is still bound"));
        Assert.Empty(host.ProcessesBelongingToThisRun());
    }

    [Fact]
    public async Task A_resource_that_cannot_start_fails_the_run_and_everything_started_is_stopped()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busyPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var host = AppHostProcess.Start(_state.FullName, new Dictionary<string, string>
        {
            ["Orchestrator__Postgres__Port"] = busyPort.ToString(),
            ["Orchestrator__StartupTimeoutSeconds"] = "10",
        });

        var exitCode = await host.WaitForExitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine(host.OutputTail(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("postgres failed: did not become healthy within 10 s", host.Output, StringComparison.Ordinal);
        Assert.Contains($"port {busyPort}", host.Output, StringComparison.Ordinal);
        Assert.Empty(host.ProcessesBelongingToThisRun());
        Assert.True(AppHostProcess.IsPortFree(host.Ports["RabbitMQ"]));
        Assert.True(AppHostProcess.IsPortFree(host.Ports["RabbitMQ:EpmdPort"]));
    }

    public void Dispose()
    {
        try
        {
            _state.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server may still be writing its last files; the temporary folder is the system's to clean.
        }
    }

    private async Task AssertASecondAppHostIsRefusedAsync()
    {
        await using var second = AppHostProcess.Start(_state.FullName);
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("already running", second.Output, StringComparison.Ordinal);
    }

    private async Task AssertACrashedServiceIsRestartedAsync(AppHostProcess host, int plannerPid)
    {
        Process.GetProcessById(plannerPid).Kill();
        var resources = await host.WaitUntilAllHealthyAsync(
            TimeSpan.FromMinutes(2),
            all => all.Single(r => r.Name == "planner") is { Restarts: 1 } planner && planner.Pid != plannerPid);
        output.WriteLine($"planner restarted as pid {resources.Single(r => r.Name == "planner").Pid}");
    }

    private sealed record LogLineView(long Sequence, DateTimeOffset At, string Text, bool FromAppHost);

    private static async Task EventuallyOkAsync(HttpClient client, string path, Func<string, bool> accept)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode && accept(last))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"GET {path} through the gateway did not show the plan within 60 s; last answer: {last}");
    }

    private sealed record CreatedTask(Guid Id, Guid ConversationId);

    private sealed record CreatedPlan(Guid Id, IReadOnlyList<CreatedTask> Tasks);
}
