using System.Globalization;
using System.Text;
using Orchestrator.ModelAccess;
using Orchestrator.Planner.Plans.Artifacts;

namespace Orchestrator.Planner.Plans.Reporting;

/// <summary>What the work cost, for the report: the plan's total and each task's, already formatted; null where not priced.</summary>
public sealed record ReportCosts(string? Plan, IReadOnlyDictionary<Guid, string> Tasks)
{
    public static readonly ReportCosts None = new(null, new Dictionary<Guid, string>());

    /// <summary>Each task's own cost and the plan's sum in US dollars; with the simulator every figure is zero and says why.</summary>
    public static ReportCosts Of(Plan plan, ModelPricing pricing)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(pricing);
        string Usd(decimal usd) => pricing.Simulated ? "$0 (simulator: no cost)" : "$" + usd.ToString("0.0000", CultureInfo.InvariantCulture);
        return new(Usd(plan.Tasks.Sum(t => t.AllCostUsd)), plan.Tasks.ToDictionary(t => t.Id, t => Usd(t.AllCostUsd)));
    }

    public string For(Guid taskId) => Tasks.GetValueOrDefault(taskId) ?? NotPriced;

    public const string NotPriced = "not priced";
}

/// <summary>The whole plan as one markdown document: the tree, then each task's brief, result, artifacts, timings, tokens and cost.</summary>
public static class PlanReport
{
    /// <summary>The plan's tasks depth first, parents before their children in tree order, each with its depth.</summary>
    public static IReadOnlyList<(PlanTask Task, int Depth)> Outline(Plan plan)
    {
        var children = plan.Tasks.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value);
        var outline = new List<(PlanTask, int)>();
        var stack = new Stack<(PlanTask Task, int Depth)>();
        stack.Push((plan.Root, 0));
        while (stack.TryPop(out var node))
        {
            outline.Add(node);
            foreach (var child in children[node.Task.Id].OrderByDescending(c => c.Order))
            {
                stack.Push((child, node.Depth + 1));
            }
        }

        return outline;
    }

    public static string Render(Plan plan, ReportCosts costs)
    {
        var outline = Outline(plan);
        var titles = plan.Tasks.ToDictionary(t => t.Id, t => t.Title);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(OneLine(plan.Title)).AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.Append("| Status | ").Append(ApiJson.Word(plan.Status)).AppendLine(" |");
        md.Append("| Created | ").Append(Time(plan.CreatedAt)).AppendLine(" |");
        md.Append("| Updated | ").Append(Time(plan.UpdatedAt)).AppendLine(" |");
        md.Append("| Tasks | ").Append(plan.Tasks.Count).Append(" (").Append(plan.Tasks.Count(t => t.Status == TaskStatus.Completed)).AppendLine(" completed) |");
        md.Append("| Tokens | ").Append(plan.Tasks.Sum(t => t.AllTokens).ToString("N0", CultureInfo.InvariantCulture)).AppendLine(" |");
        md.Append("| Cost | ").Append(costs.Plan ?? ReportCosts.NotPriced).AppendLine(" |");
        md.Append("| Version | ").Append(plan.Version).AppendLine(" |").AppendLine();

        md.AppendLine("## Request").AppendLine();
        Quote(md, plan.Request);

        md.AppendLine("## Tree").AppendLine();
        foreach (var (task, depth) in outline)
        {
            md.Append(new string(' ', depth * 2)).Append("- ").Append(task.Status == TaskStatus.Completed ? "[x] " : "[ ] ")
                .Append(OneLine(task.Title)).Append(" — ").Append(ApiJson.Word(task.Status)).Append(", ").AppendLine(ApiJson.Word(task.Mode));
        }

        md.AppendLine().AppendLine("## Tasks").AppendLine();
        for (var i = 0; i < outline.Count; i++)
        {
            var task = outline[i].Task;
            md.Append("### ").Append(i + 1).Append(". ").AppendLine(OneLine(task.Title)).AppendLine();
            md.Append("- Status: ").Append(ApiJson.Word(task.Status)).Append(" · mode: ").AppendLine(ApiJson.Word(task.Mode));
            if (task.DependsOn.Length > 0)
            {
                md.Append("- Depends on: ").AppendLine(string.Join(", ", task.DependsOn.Select(d => OneLine(titles.GetValueOrDefault(d) ?? d.ToString()))));
            }

            md.Append("- Started: ").Append(task.StartedAt is { } started ? Time(started) : "—")
                .Append(" · completed: ").Append(task.CompletedAt is { } completed ? Time(completed) : "—");
            if (task is { StartedAt: { } from, CompletedAt: { } to } && to >= from)
            {
                md.Append(" · took ").Append((to - from).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s");
            }

            md.AppendLine();
            md.Append("- Tokens: ").AppendLine(task.AllTokens.ToString("N0", CultureInfo.InvariantCulture));
            md.Append("- Cost: ").AppendLine(costs.For(task.Id)).AppendLine();

            md.AppendLine("#### Brief").AppendLine();
            Quote(md, task.Objective);
            if (task.ExpectedOutputs.Length > 0)
            {
                md.AppendLine("Expected outputs:").AppendLine();
                foreach (var output in task.ExpectedOutputs)
                {
                    md.Append("- ").AppendLine(OneLine(output));
                }

                md.AppendLine();
            }

            md.AppendLine("#### Result").AppendLine();
            if (task.Result is { Length: > 0 })
            {
                md.AppendLine(TaskOutput.Of(task).TrimEnd()).AppendLine();
            }
            else
            {
                md.AppendLine(task.Problem is { } problem ? $"_No result: {OneLine(problem)}_" : "_No result yet._").AppendLine();
            }

            if (!task.Artifacts.IsDefaultOrEmpty)
            {
                md.AppendLine("#### Artifacts").AppendLine();
                foreach (var artifact in task.Artifacts)
                {
                    md.Append("- `").Append(ArtifactFileNames.Of(artifact)).Append("` — ").Append(OneLine(artifact.Name)).Append(" (").Append(artifact.Kind)
                        .Append(artifact.Language is { } language ? $", {language}" : "").Append(", version ").Append(artifact.Version)
                        .Append(artifact.Edited ? ", edited" : "").AppendLine(")");
                }

                md.AppendLine();
            }
        }

        return md.ToString();
    }

    private static void Quote(StringBuilder md, string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            md.Append("> ").AppendLine(line);
        }

        md.AppendLine();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
