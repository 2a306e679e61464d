using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Conversations;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.PromptAnalytics.Outcomes.Scoring;

namespace Orchestrator.PromptAnalytics.Tests.Outcomes;

/// <summary>A thumbs on a reply scores the prompt version that produced it, once per reply.</summary>
public sealed class ReplyRatedScoringTests
{
    private static readonly ReplyRatedConsumer Consumer = new(null!, NullLogger<ReplyRatedConsumer>.Instance);
    private static readonly Guid PlanId = Guid.Parse("0195f3a0-0000-7000-8000-0000000000aa");
    private static readonly Guid ReplyId = Guid.Parse("0195f3a0-0000-7000-8000-0000000000bb");

    private static ReplyRatedIntegrationEvent Rated(string? verdict, int change = 1, string? version = "chat:2") =>
        new(Guid.NewGuid(), Guid.NewGuid(), PlanId, ReplyId, version, verdict, change, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("up", true)]
    [InlineData("down", false)]
    public void The_first_verdict_is_a_rating_of_the_replys_version_for_its_plan(string verdict, bool success)
    {
        var observation = Assert.Single(Consumer.Observe(Rated(verdict), Guid.NewGuid()));

        Assert.Equal(OutcomeMetrics.Rating, observation.Metric);
        Assert.Equal(success, observation.Success);
        Assert.Equal("chat:2", observation.VersionId);
        Assert.Equal(PlanId, observation.Subject);
        Assert.Equal(ReplyRatedConsumer.OutcomeIdOf(ReplyId), observation.OutcomeId);
    }

    [Fact]
    public void A_change_of_mind_a_clearing_or_an_unknown_version_is_not_scored_again()
    {
        Assert.Empty(Consumer.Observe(Rated("up", change: 2), Guid.NewGuid()));
        Assert.Empty(Consumer.Observe(Rated(null, change: 2), Guid.NewGuid()));
        Assert.Empty(Consumer.Observe(Rated("down", version: null), Guid.NewGuid()));
    }

    [Fact]
    public void Redeliveries_of_the_first_verdict_name_the_same_outcome()
    {
        var first = Assert.Single(Consumer.Observe(Rated("down"), Guid.NewGuid()));
        var again = Assert.Single(Consumer.Observe(Rated("down"), Guid.NewGuid()));

        Assert.Equal(first.OutcomeId, again.OutcomeId);
        Assert.NotEqual(ReplyId, first.OutcomeId);
    }
}
