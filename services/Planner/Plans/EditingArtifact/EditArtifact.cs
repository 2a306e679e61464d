using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Planner.Plans.Artifacts;

namespace Orchestrator.Planner.Plans.EditingArtifact;

/// <summary>The person's new text for an artifact, and the version of the artifact it was written on.</summary>
public sealed record EditArtifactRequest(string? Content, int? Version);

public sealed record EditArtifact(Guid TaskId, Guid ArtifactId, string? Content, int? Version, DateTimeOffset Now);

/// <summary>An artifact with its content, as the canvas shows it.</summary>
public sealed record ArtifactContent(
    Guid Id, Guid PlanId, Guid TaskId, string Name, string Kind, string? Language, int Version, bool Edited, string FileName, string Content)
{
    public static ArtifactContent From(Guid planId, Guid taskId, TaskArtifact a) =>
        new(a.Id, planId, taskId, a.Name, a.Kind, a.Language, a.Version, a.Edited, ArtifactFileNames.Of(a), a.Content);
}

public static class EditArtifactDecision
{
    /// <summary>The most an artifact may hold, so one edit cannot bloat the plan's stream.</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>
    /// Records the person's edit of a completed task's artifact as its next version. The edit names the version it was made
    /// on: an edit of a version that is no longer current would silently undo someone's change, so it is refused (409).
    /// </summary>
    public static Decision Decide(Plan plan, EditArtifact command)
    {
        if (plan.Find(command.TaskId) is not { } task)
        {
            return Decision.NotFound($"Task {command.TaskId} is not in plan {plan.Id}.");
        }

        if (task.Artifacts.IsDefaultOrEmpty || task.Artifacts.FirstOrDefault(a => a.Id == command.ArtifactId) is not { } artifact)
        {
            return Decision.NotFound($"Task '{task.Title}' has no artifact {command.ArtifactId}.");
        }

        if (command.Content is null)
        {
            return Decision.Invalid("'content' is missing: send the artifact's whole new text.");
        }

        if (command.Content.Length > MaxLength)
        {
            return Decision.Invalid($"'content' has {command.Content.Length} characters; an artifact holds at most {MaxLength}.");
        }

        if (command.Version is not { } version || version < 1)
        {
            return Decision.Invalid("'version' is missing: send the version of the artifact your edit is based on (1 or more).");
        }

        if (task.Status != TaskStatus.Completed)
        {
            return Decision.Conflict($"Task '{task.Title}' is {ApiJson.Word(task.Status)}: its artifacts can be edited once it has completed.");
        }

        if (version != artifact.Version)
        {
            return Decision.Conflict($"'{artifact.Name}' is at version {artifact.Version}, not {version}: reload it and edit the current version.");
        }

        return command.Content == artifact.Content
            ? Decision.Unchanged
            : Decision.Accept(new ArtifactEdited(plan.Id, task.Id, artifact.Id, artifact.Version + 1, command.Content, command.Now));
    }
}

public static class ArtifactEndpoints
{
    public static RouteGroupBuilder MapArtifacts(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{planId:guid}/tasks/{taskId:guid}/artifacts/{artifactId:guid}", async Task<Results<Ok<ArtifactContent>, ProblemHttpResult>> (
            Guid planId, Guid taskId, Guid artifactId, IQuerySession session, CancellationToken ct) =>
        {
            if (await PlanStorage.LoadAsync(session, planId, ct) is not { } plan)
            {
                return TypedResults.Problem($"Plan {planId} does not exist.", statusCode: StatusCodes.Status404NotFound);
            }

            if (plan.Find(taskId) is not { } task)
            {
                return TypedResults.Problem($"Task {taskId} is not in plan {planId}.", statusCode: StatusCodes.Status404NotFound);
            }

            return task.Artifacts.IsDefaultOrEmpty || task.Artifacts.FirstOrDefault(a => a.Id == artifactId) is not { } artifact
                ? TypedResults.Problem($"Task '{task.Title}' has no artifact {artifactId}.", statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Ok(ArtifactContent.From(planId, taskId, artifact));
        })
        .WithName("GetArtifact")
        .WithSummary("An artifact of a task with its content at its current version.");

        plans.MapPut("/{planId:guid}/tasks/{taskId:guid}/artifacts/{artifactId:guid}", async Task<Results<Ok<ArtifactContent>, ProblemHttpResult>> (
            Guid planId, Guid taskId, Guid artifactId, EditArtifactRequest body, PlanWriter writer, HttpRequest request, CancellationToken ct) =>
        {
            var write = await writer.WriteAsync(planId, request, plan => EditArtifactDecision.Decide(plan,
                new EditArtifact(taskId, artifactId, body.Content, body.Version, writer.Now)), ct);
            return write.Respond(plan => TypedResults.Ok(ArtifactContent.From(planId, taskId, plan.Find(taskId)!.Artifacts.First(a => a.Id == artifactId))));
        })
        .WithName("EditArtifact")
        .WithSummary("Saves the person's edit of an artifact as its next version; 'version' must be the current one (else 409).");
        return plans;
    }
}
