using System.Globalization;
using System.IO.Compression;
using System.Text;
using Marten;
using Orchestrator.ModelAccess;
using Orchestrator.Planner.Plans.Artifacts;

namespace Orchestrator.Planner.Plans.Reporting;

/// <summary>Every task's artifacts at their current versions as one zip: a folder per task, in tree order.</summary>
public static class ArtifactArchive
{
    /// <summary>The entry names and contents: <c>01-design/api.md</c>; names repeated within a folder get a number.</summary>
    public static IReadOnlyList<(string Path, string Content)> Entries(Plan plan)
    {
        var outline = PlanReport.Outline(plan);
        var width = Math.Max(2, outline.Count.ToString(CultureInfo.InvariantCulture).Length);
        var entries = new List<(string, string)>();
        for (var i = 0; i < outline.Count; i++)
        {
            var task = outline[i].Task;
            if (task.Artifacts.IsDefaultOrEmpty)
            {
                continue;
            }

            var slug = ArtifactFileNames.Slug(task.Title);
            var folder = $"{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}-{(slug.Length == 0 ? "task" : slug)}";
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var artifact in task.Artifacts)
            {
                var name = ArtifactFileNames.Of(artifact);
                var unique = name;
                for (var n = 2; !used.Add(unique); n++)
                {
                    var dot = name.LastIndexOf('.');
                    unique = dot > 0 ? $"{name[..dot]}-{n}{name[dot..]}" : $"{name}-{n}";
                }

                entries.Add(($"{folder}/{unique}", artifact.Content));
            }
        }

        return entries;
    }

    public static byte[] Zip(Plan plan)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in Entries(plan))
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = plan.UpdatedAt;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }
}

public static class PlanExportEndpoints
{
    public static RouteGroupBuilder MapPlanExports(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{planId:guid}/report", async Task<IResult> (Guid planId, IQuerySession session, ModelPricing pricing, CancellationToken ct) =>
            await PlanStorage.LoadAsync(session, planId, ct) is { } plan
                ? TypedResults.File(Encoding.UTF8.GetBytes(PlanReport.Render(plan, ReportCosts.Of(plan, pricing))), "text/markdown; charset=utf-8", $"{FileStem(plan)}-report.md")
                : TypedResults.Problem($"Plan {planId} does not exist.", statusCode: StatusCodes.Status404NotFound))
        .WithName("GetPlanReport")
        .WithSummary("The whole plan as one markdown document: tree, briefs, results, artifacts, timings, tokens and cost.")
        .Produces(StatusCodes.Status200OK, contentType: "text/markdown");

        plans.MapGet("/{planId:guid}/artifacts", async Task<IResult> (Guid planId, IQuerySession session, CancellationToken ct) =>
            await PlanStorage.LoadAsync(session, planId, ct) is { } plan
                ? TypedResults.File(ArtifactArchive.Zip(plan), "application/zip", $"{FileStem(plan)}-artifacts.zip")
                : TypedResults.Problem($"Plan {planId} does not exist.", statusCode: StatusCodes.Status404NotFound))
        .WithName("GetPlanArtifacts")
        .WithSummary("Every task's artifacts at their current versions, as a zip with a folder per task.")
        .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return plans;
    }

    private static string FileStem(Plan plan) => ArtifactFileNames.Slug(plan.Title) is { Length: > 0 } slug ? slug : "plan";
}
