using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;
using Orchestrator.PromptAnalytics.Failures;
using Orchestrator.PromptAnalytics.Failures.Listing;
using Orchestrator.PromptAnalytics.Failures.Recording;

namespace Orchestrator.PromptAnalytics.Tests.Failures;

public sealed class FailureGroupingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Plan = Guid.Parse("0195f3a0-0000-7000-8000-0000000000aa");

    private static TaskFailureRecorded Recorded(string reason, string? version = "execute:2", TaskExecutionMode? mode = TaskExecutionMode.Autonomous, DateTimeOffset? at = null)
    {
        var message = new TaskFailedIntegrationEvent(Plan, Guid.NewGuid(), reason, 3, version, at ?? Now, mode, Guid.NewGuid());
        var decision = RecordFailureDecision.Decide(null, message, Guid.NewGuid());
        return Assert.IsType<TaskFailureRecorded>(Assert.Single(decision.Events));
    }

    private static IReadOnlyList<FailureGroup> Group(IEnumerable<TaskFailureRecorded> failures) =>
        [.. failures.GroupBy(FailureGrouping.KeyOf).Select(g => g.Aggregate((FailureGroup?)null, FailureGrouping.Add)!).OrderByDescending(g => g.Count)];

    [Fact]
    public void Failures_of_one_kind_version_and_mode_form_one_group_whatever_their_ids_and_numbers()
    {
        var groups = Group(
        [
            Recorded("Timed out after 600 s without finishing."),
            Recorded("Timed out after 300 s without finishing."),
            Recorded("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing."),
            Recorded("Timed out after 600 s without finishing.", version: "execute:3"),
            Recorded("Timed out after 600 s without finishing.", mode: TaskExecutionMode.Hybrid),
            Recorded("model overloaded (still failing after 3 retries)"),
        ]);

        Assert.Equal(4, groups.Count);
        var largest = groups[0];
        Assert.Equal("timeout|execute:2|autonomous", largest.Id);
        Assert.Equal(3, largest.Count);
        Assert.Equal(3, largest.Examples.Count);
        Assert.Contains(groups, g => g.Id == "timeout|execute:3|autonomous" && g.Count == 1);
        Assert.Contains(groups, g => g.Id == "timeout|execute:2|hybrid" && g.Count == 1);
        Assert.Contains(groups, g => g.Id == "model-unavailable|execute:2|autonomous" && g.Reason == "model overloaded (still failing after <n> retries)");
    }

    [Fact]
    public void A_failure_without_version_or_mode_still_has_a_group()
    {
        var failure = Recorded("boom", version: null, mode: null);
        Assert.Equal("other|none|unknown", FailureGrouping.KeyOf(failure));
        var pattern = FailureQuery.ToPattern(FailureGrouping.Add(null, failure));
        Assert.Empty(pattern.PromptVersionIds);
        Assert.Equal(["unknown"], pattern.Modes);
    }

    [Fact]
    public void The_newest_failure_names_the_group_even_when_an_older_one_arrives_later()
    {
        var newer = Recorded("Timed out after 600 s without finishing.", at: Now);
        var older = Recorded("Request timeout \"slow\"", at: Now.AddHours(-3));
        var group = FailureGrouping.Add(FailureGrouping.Add(null, newer), older);

        Assert.Equal(2, group.Count);
        Assert.Equal(Now, group.LastSeen);
        Assert.Equal(newer.Reason, group.Reason);
        Assert.Equal([newer.TaskId, older.TaskId], group.Examples.Select(e => e.TaskId));
    }

    [Fact]
    public void A_group_keeps_only_its_newest_examples_but_counts_every_failure()
    {
        var group = Enumerable.Range(0, 30)
            .Select(i => Recorded("Timed out after 600 s without finishing.", at: Now.AddMinutes(i)))
            .Aggregate((FailureGroup?)null, FailureGrouping.Add)!;

        Assert.Equal(30, group.Count);
        Assert.Equal(FailureGrouping.MaxExamples, group.Examples.Count);
        Assert.Equal(Now.AddMinutes(29), group.Examples[0].At);
        Assert.Equal(Now.AddMinutes(10), group.Examples[^1].At);
    }

    [Fact]
    public void A_redelivered_failure_records_nothing()
    {
        var failure = Recorded("boom");
        var message = new TaskFailedIntegrationEvent(Plan, failure.TaskId, "boom", 1, null, Now);
        Assert.Same(Decision.Unchanged, RecordFailureDecision.Decide(new FailureRecord(failure.FailureId, failure), message, failure.FailureId));
    }

    [Fact]
    public void The_recorded_failure_keeps_the_task_conversation_and_mode()
    {
        var conversation = Guid.NewGuid();
        var message = new TaskFailedIntegrationEvent(Plan, Guid.NewGuid(), "content refused", 1, "execute:1", Now, TaskExecutionMode.Hybrid, conversation);
        var recorded = Assert.IsType<TaskFailureRecorded>(Assert.Single(RecordFailureDecision.Decide(null, message, Guid.NewGuid()).Events));
        Assert.Equal(conversation, recorded.ConversationId);
        Assert.Equal("hybrid", recorded.Mode);
        Assert.Equal(FailureKinds.Refused, recorded.Kind);
    }

    [Theory]
    [InlineData("timeouts", null)]
    [InlineData(null, "0")]
    [InlineData(null, "101")]
    [InlineData(null, "ten")]
    [InlineData(null, "-5")]
    public void Bad_filters_are_refused_with_what_to_fix(string? kind, string? limit)
    {
        var (query, problem) = FailureQuery.Parse(kind, limit);
        Assert.Null(query);
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Good_filters_are_read()
    {
        Assert.Equal(new FailureQuery(FailureKinds.Timeout, 5), FailureQuery.Parse("timeout", "5").Query);
        Assert.Equal(new FailureQuery(null, FailureQuery.DefaultLimit), FailureQuery.Parse(null, null).Query);
    }
}
