using System.IO.Compression;
using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.Artifacts;
using Orchestrator.Planner.Plans.EditingArtifact;
using Orchestrator.Planner.Plans.Progressing;
using Orchestrator.Planner.Plans.Reporting;
using TaskStatus = Orchestrator.Planner.Plans.TaskStatus;

namespace Orchestrator.Planner.Tests.Plans;

public sealed class ArtifactTests
{
    private static readonly DateTimeOffset Now = PlanBuilder.Now;

    private const string Reply = """
        # Cart service

        The cart keeps items per session.

        ## Storage

        ```python title="cart.py"
        class Cart:
            pass
        ```

        **schema.sql**

        ```sql
        CREATE TABLE cart (id int);
        ```

        ## Usage notes

        ~~~markdown
        Call `Cart()` first.
        ~~~

        ```ts
        // file: src/cart.ts
        export const cart = 1;
        ```

        ```
        plain block
        ```
        """;

    [Fact]
    public void Extraction_gives_the_whole_result_then_each_fenced_block_named_by_its_hint_or_heading()
    {
        var taskId = Guid.NewGuid();

        var artifacts = ArtifactExtraction.Extract(taskId, Reply);

        Assert.Equal(["Result", "cart.py", "schema.sql", "Usage notes", "src/cart.ts", "Usage notes (2)"], artifacts.Select(a => a.Name));
        Assert.Equal(["markdown", "code", "code", "markdown", "code", "code"], artifacts.Select(a => a.Kind));
        Assert.Equal([null, "python", "sql", "markdown", "ts", null], artifacts.Select(a => a.Language));
        Assert.Equal(Reply, artifacts[0].Content);
        Assert.Equal("class Cart:\n    pass", artifacts[1].Content);
        Assert.Equal("CREATE TABLE cart (id int);", artifacts[2].Content);
        Assert.Equal("Call `Cart()` first.", artifacts[3].Content);
        Assert.All(artifacts, a => Assert.Equal(a.Content, Reply.Substring(a.Start, a.Length)));
    }

    [Fact]
    public void Extraction_is_deterministic_and_ids_differ_per_task_and_position()
    {
        var taskId = Guid.NewGuid();

        var first = ArtifactExtraction.Extract(taskId, Reply);
        var again = ArtifactExtraction.Extract(taskId, Reply);
        var other = ArtifactExtraction.Extract(Guid.NewGuid(), Reply);

        Assert.Equal(first.Select(a => a.ArtifactId), again.Select(a => a.ArtifactId));
        Assert.Equal(first.Count, first.Select(a => a.ArtifactId).Distinct().Count());
        Assert.Empty(first.Select(a => a.ArtifactId).Intersect(other.Select(a => a.ArtifactId)));
    }

    [Fact]
    public void An_unclosed_fence_runs_to_the_end_and_a_result_without_fences_is_one_document()
    {
        var unclosed = ArtifactExtraction.Extract(Guid.NewGuid(), "Intro\n```js\nlet a = 1;\n");
        var plain = ArtifactExtraction.Extract(Guid.NewGuid(), "Just prose, with `inline code`.");

        Assert.Equal("let a = 1;\n", unclosed[1].Content);
        Assert.Equal("Code block 1", unclosed[1].Name);
        Assert.Single(plain);
    }

    [Fact]
    public void A_completed_task_records_its_artifacts_and_a_repeated_completion_does_not_double_them()
    {
        var (given, build, _) = RunningPlan();

        Complete(given, build, Reply);
        var repeated = TaskProgressDecision.Decide(given.Plan, new TaskProgress.Completed(build, "s", Reply, Now, 42));

        Assert.Empty(repeated.Events);
        Assert.Single(given.Events.OfType<ArtifactsRecorded>());
        Assert.Equal(6, given[build].Artifacts.Length);
        Assert.All(given[build].Artifacts, a => Assert.Equal(1, a.Version));
        Assert.Equal(7, given[build].Tokens);
    }

    [Fact]
    public void An_edited_code_block_replaces_the_original_in_what_the_dependent_task_receives()
    {
        var (given, build, test) = RunningPlan(interactiveSibling: true, out var waiting);
        Complete(given, build, Reply);
        var cart = given[build].Artifacts[1];

        given.Then(p => EditArtifactDecision.Decide(p, new EditArtifact(build, cart.Id, "class Cart:\n    items = []", 1, Now)));
        Complete(given, waiting, "done");

        var readied = Assert.Single(given.Events.OfType<TaskReadied>(), e => e.TaskId == test);
        var input = Assert.Single(readied.Inputs, i => i.TaskId == build).Content;
        Assert.Contains("class Cart:\n    items = []", input);
        Assert.DoesNotContain("    pass", input);
        Assert.Contains("CREATE TABLE cart", input);
        Assert.Equal(2, given[build].Artifacts[1].Version);
        Assert.True(given[build].Artifacts[1].Edited);
    }

    [Fact]
    public void An_edited_result_document_is_the_output_with_edited_blocks_after_it()
    {
        var (given, build, _) = RunningPlan();
        Complete(given, build, Reply);
        var artifacts = given[build].Artifacts;

        given.Then(p => EditArtifactDecision.Decide(p, new EditArtifact(build, artifacts[0].Id, "Rewritten by hand.", 1, Now)));
        given.Then(p => EditArtifactDecision.Decide(p, new EditArtifact(build, artifacts[2].Id, "DROP TABLE nothing;", 1, Now)));

        var output = TaskOutput.Of(given[build]);
        Assert.StartsWith("Rewritten by hand.", output);
        Assert.Contains("schema.sql:\n```sql\nDROP TABLE nothing;\n```", output);
        Assert.DoesNotContain("class Cart", output);
    }

    [Fact]
    public void An_edit_on_a_stale_version_or_with_bad_input_is_refused_and_changes_nothing()
    {
        var (given, build, _) = RunningPlan();
        Complete(given, build, Reply);
        var cart = given[build].Artifacts[1];
        given.Then(p => EditArtifactDecision.Decide(p, new EditArtifact(build, cart.Id, "v2", 1, Now)));

        Assert.Equal(Refusal.Conflict, EditArtifactDecision.Decide(given.Plan, new EditArtifact(build, cart.Id, "v3", 1, Now)).Problem?.Kind);
        Assert.Equal(Refusal.Invalid, EditArtifactDecision.Decide(given.Plan, new EditArtifact(build, cart.Id, null, 2, Now)).Problem?.Kind);
        Assert.Equal(Refusal.Invalid, EditArtifactDecision.Decide(given.Plan, new EditArtifact(build, cart.Id, "v3", null, Now)).Problem?.Kind);
        Assert.Equal(Refusal.Invalid, EditArtifactDecision.Decide(given.Plan, new EditArtifact(build, cart.Id, new string('x', EditArtifactDecision.MaxLength + 1), 2, Now)).Problem?.Kind);
        Assert.Equal(Refusal.NotFound, EditArtifactDecision.Decide(given.Plan, new EditArtifact(build, Guid.NewGuid(), "v3", 2, Now)).Problem?.Kind);
        Assert.Equal(Refusal.NotFound, EditArtifactDecision.Decide(given.Plan, new EditArtifact(Guid.NewGuid(), cart.Id, "v3", 2, Now)).Problem?.Kind);
        Assert.Empty(EditArtifactDecision.Decide(given.Plan, new EditArtifact(build, cart.Id, "v2", 2, Now)).Events);
        Assert.Equal("v2", given[build].Artifacts[1].Content);
    }

    [Fact]
    public void A_retried_task_records_new_artifacts_at_the_next_version()
    {
        var (given, build, _) = RunningPlan();
        Complete(given, build, Reply);
        given.Then(p => Decision.Accept(new TaskRetried(p.Id, build, Now)));
        Complete(given, build, "```js\nnew\n```");

        Assert.Equal([2, 2], given[build].Artifacts.Select(a => a.Version));
        Assert.Equal("new", given[build].Artifacts[1].Content);
    }

    [Fact]
    public void The_report_prices_each_task_and_the_plan_and_says_the_simulator_costs_nothing()
    {
        var (given, build, _) = RunningPlan();
        Complete(given, build, Reply);
        var plan = given.Plan with { Tasks = [.. given.Plan.Tasks.Select(t => t.Id == build ? t with { CostUsd = 0.0123m } : t)] };

        var priced = PlanReport.Render(plan, ReportCosts.Of(plan, new Orchestrator.ModelAccess.ModelPricing("openai", "gpt-x", new Dictionary<string, Orchestrator.ModelAccess.ModelPrice>())));
        var simulated = PlanReport.Render(plan, ReportCosts.Of(plan, new Orchestrator.ModelAccess.ModelPricing("simulator", "simulator", new Dictionary<string, Orchestrator.ModelAccess.ModelPrice>())));

        Assert.Contains("| Cost | $0.0123 |", priced);
        Assert.Contains("- Cost: $0.0123", priced);
        Assert.Contains("- Cost: $0.0000", priced);
        Assert.Contains("| Cost | $0 (simulator: no cost) |", simulated);
        Assert.DoesNotContain("0.0123", simulated);
    }

    [Fact]
    public void The_report_has_the_tree_briefs_results_artifacts_tokens_and_a_place_for_cost()
    {
        var (given, build, test) = RunningPlan();
        Complete(given, build, Reply);

        var report = PlanReport.Render(given.Plan, ReportCosts.None);

        Assert.Contains("# Add a shopping cart", report);
        Assert.Contains("## Tree", report);
        Assert.Contains("- [x] Build — completed, autonomous", report);
        Assert.Contains("> Do Build.", report);
        Assert.Contains("class Cart:", report);
        Assert.Contains("`cart.py` — cart.py (code, python, version 1)", report);
        Assert.Contains("- Tokens: 7", report);
        Assert.Contains("- Cost: not priced", report);
        Assert.True(report.IndexOf("Build", StringComparison.Ordinal) < report.IndexOf("### 3. Test", StringComparison.Ordinal), report);
        Assert.Equal(TaskStatus.Ready, given[test].Status);
    }

    [Fact]
    public void The_zip_holds_every_artifact_under_a_folder_per_task_with_file_names_and_extensions()
    {
        var (given, build, _) = RunningPlan();
        Complete(given, build, Reply);

        using var zip = new ZipArchive(new MemoryStream(ArtifactArchive.Zip(given.Plan)));

        Assert.Equal(
            ["02-build/result.md", "02-build/cart.py", "02-build/schema.sql", "02-build/usage-notes.md", "02-build/cart.ts", "02-build/usage-notes-2.txt"],
            zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry("02-build/cart.py")!.Open());
        Assert.Equal("class Cart:\n    pass", reader.ReadToEnd());
    }

    [Fact]
    public void File_names_never_leave_their_folder()
    {
        var artifact = new TaskArtifact(Guid.NewGuid(), "../../etc/passwd.txt", TaskArtifact.Code, "text", 1, "", 0, 0, false);
        var weird = new TaskArtifact(Guid.NewGuid(), "Data access: layer?", TaskArtifact.Code, "csharp", 1, "", 0, 0, false);

        Assert.Equal("passwd.txt", ArtifactFileNames.Of(artifact));
        Assert.Equal("data-access-layer.cs", ArtifactFileNames.Of(weird));
    }

    private static (PlanBuilder Given, Guid Build, Guid Test) RunningPlan() => RunningPlan(false, out _);

    private static (PlanBuilder Given, Guid Build, Guid Test) RunningPlan(bool interactiveSibling, out Guid waiting)
    {
        var given = PlanBuilder.Create();
        var build = given.Add("Build");
        waiting = interactiveSibling ? given.Add("Review", mode: TaskMode.Interactive) : Guid.Empty;
        var test = interactiveSibling ? given.Add("Test", dependsOn: [build, waiting]) : given.Add("Test", dependsOn: build);
        given.Approve();
        return (given, build, test);
    }

    private static void Complete(PlanBuilder given, Guid taskId, string result)
    {
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(taskId, given[taskId].Attempts, false, Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(taskId, "s", result, Now, 7)));
    }
}
