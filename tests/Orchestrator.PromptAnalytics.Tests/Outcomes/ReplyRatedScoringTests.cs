using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Conversations;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.PromptAnalytics.Outcomes.Scoring;

namespace Orchestrator.PromptAnalytics.Tests.Outcomes;

/// <summary>A thumbs on a reply scores the prompt version that produced it, once per reply: later verdicts revise that one.</summary>
public sealed class ReplyRatedScoringTests
{
    private static readonly ReplyRatedConsumer Consumer = new(null!, NullLogger<ReplyRatedConsumer>.Instance);
    private static readonly Guid PlanId = Guid.Parse("0195f3a0-0000-7000-8000-0000000000aa");

    private static ReplyRatedIntegrationEvent Rated(string? verdict, string? previous = null, string? version = "chat:2") =>
        new(Guid.NewGuid(), Guid.NewGuid(), PlanId, Guid.NewGuid(), version, verdict, previous, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("up", true)]
    [InlineData("down", false)]
    public void The_first_verdict_is_a_new_rating_of_the_replys_version_for_its_plan(string verdict, bool success)
    {
        var observation = Assert.Single(Consumer.Observe(Rated(verdict), Guid.NewGuid()));

        Assert.Equal(OutcomeMetrics.Rating, observation.Metric);
        Assert.Equal(success, observation.Success);
        Assert.Equal("chat:2", observation.VersionId);
        Assert.Equal(PlanId, observation.Subject);
        Assert.False(observation.Revises);
    }

    [Fact]
    public void A_change_of_mind_revises_the_rating_instead_of_adding_one()
    {
        var observation = Assert.Single(Consumer.Observe(Rated("up", previous: "down"), Guid.NewGuid()));

        Assert.True(observation.Revises);
        Assert.True(observation.Success);
    }

    [Fact]
    public void A_clearing_the_same_verdict_again_or_an_unknown_version_is_not_scored()
    {
        Assert.Empty(Consumer.Observe(Rated(null, previous: "up"), Guid.NewGuid()));
        Assert.Empty(Consumer.Observe(Rated("up", previous: "up"), Guid.NewGuid()));
        Assert.Empty(Consumer.Observe(Rated("down", version: null), Guid.NewGuid()));
    }

    [Fact]
    public void A_redelivery_names_the_same_outcome_and_no_other_outcome_of_the_message()
    {
        var message = Rated("down");
        var messageId = Guid.NewGuid();

        var first = Assert.Single(Consumer.Observe(message, messageId));
        var again = Assert.Single(Consumer.Observe(message, messageId));

        Assert.Equal(first.OutcomeId, again.OutcomeId);
        Assert.NotEqual(messageId, first.OutcomeId);
    }
}
