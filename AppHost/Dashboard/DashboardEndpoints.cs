using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Dashboard;

/// <summary>The dashboard: a page, the resource list and each resource's log, recent or live.</summary>
internal static class DashboardEndpoints
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("Orchestrator.AppHost.Dashboard.dashboard.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Maps <c>/</c> and <c>/api/resources…</c>.</summary>
    public static void MapDashboard(this WebApplication app, ResourceOrchestrator orchestrator)
    {
        app.UseStatusCodePages();
        app.MapGet("/", () => TypedResults.Content(Page.Value, "text/html; charset=utf-8"));

        var resources = app.MapGroup("/api/resources");
        resources.MapGet("/", () => TypedResults.Ok(orchestrator.Snapshot()));

        resources.MapGet("/{name}", Results<Ok<ResourceSnapshot>, ProblemHttpResult> (string name) =>
            orchestrator.Find(name) is { } supervisor ? TypedResults.Ok(supervisor.Snapshot()) : NotFound(orchestrator, name));

        resources.MapGet("/{name}/logs", Results<Ok<IReadOnlyList<LogLine>>, ProblemHttpResult> (string name, int? tail) =>
            orchestrator.Find(name) is { } supervisor ? TypedResults.Ok(supervisor.Log.Recent(tail)) : NotFound(orchestrator, name));

        resources.MapGet("/{name}/logs/stream", Results<ServerSentEventsResult<LogLine>, ProblemHttpResult> (string name, HttpContext http, IHostApplicationLifetime lifetime) =>
        {
            if (orchestrator.Find(name) is not { } supervisor)
            {
                return NotFound(orchestrator, name);
            }

            // Ends with the request or with the AppHost, so an open browser tab never delays shutdown.
            var until = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            http.Response.RegisterForDispose(until);
            return TypedResults.ServerSentEvents(supervisor.Log.Follow(until.Token), eventType: "log");
        });
    }

    private static ProblemHttpResult NotFound(ResourceOrchestrator orchestrator, string name) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such resource",
            detail: $"There is no resource named '{name}'. Known resources: {string.Join(", ", orchestrator.Supervisors.Select(s => s.Resource.Name))}.");
}
