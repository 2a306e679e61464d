using Orchestrator.PromptAnalytics.Failures;

namespace Orchestrator.PromptAnalytics.Tests.Failures;

public sealed class FailureReasonsTests
{
    [Theory]
    [InlineData("Timed out after 600 s without finishing.", FailureKinds.Timeout, "Timed out after <n> s without finishing.")]
    [InlineData("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", FailureKinds.Timeout, "The request was canceled due to the configured HttpClient.Timeout of <n> seconds elapsing.")]
    [InlineData("model overloaded (still failing after 3 retries)", FailureKinds.ModelUnavailable, "model overloaded (still failing after <n> retries)")]
    [InlineData("Response status code does not indicate success: 503 (Service Unavailable). at http://127.0.0.1:5301/v1/chat/completions", FailureKinds.ModelUnavailable, "Response status code does not indicate success: <n> (Service Unavailable). at <url>")]
    [InlineData("HTTP 429 Too Many Requests: retry after 2026-12-04T22:51:07Z (request req_8f3kq2x9)", FailureKinds.RateLimit, "HTTP <n> Too Many Requests: retry after <time> (request <id>)")]
    [InlineData("Rate limit reached for gpt-4o-mini in organization org-4Fk2 on tokens per min: Limit 30000, Used 29811", FailureKinds.RateLimit, "Rate limit reached for gpt-<n>o-mini in organization <id> on tokens per min: Limit <n>, Used <n>")]
    [InlineData("The model's reply was not valid JSON: unexpected token '}' at position 412", FailureKinds.MalformedOutput, "The model's reply was not valid JSON: unexpected token <value> at position <n>")]
    [InlineData("Reply truncated: finish_reason \"length\" after 4096 tokens", FailureKinds.MalformedOutput, "Reply truncated: finish_reason <value> after <n> tokens")]
    [InlineData("The model provider did not answer within 100 s.", FailureKinds.Timeout, "The model provider did not answer within <n> s.")]
    [InlineData("The model provider answered 503 (ServiceUnavailable). (still failing after 3 retries)", FailureKinds.ModelUnavailable, "The model provider answered <n> (ServiceUnavailable). (still failing after <n> retries)")]
    [InlineData("The connection to the model provider failed or broke off mid-reply.", FailureKinds.ModelUnavailable, "The connection to the model provider failed or broke off mid-reply.")]
    [InlineData("The model provider sent a reply that could not be read.", FailureKinds.MalformedOutput, "The model provider sent a reply that could not be read.")]
    [InlineData("content refused", FailureKinds.Refused, "content refused")]
    [InlineData("The model declined: 'I can't help with that request.'", FailureKinds.Refused, "The model declined: <value>")]
    [InlineData("Task 0195f3a0-0000-7000-8000-0000000000aa was cancelled by the person", FailureKinds.Cancelled, "Task <id> was cancelled by the person")]
    [InlineData("Simulated error chatcmpl-9XyZ12ab3 at 22:51:07.123", FailureKinds.Other, "Simulated error <id> at <time>")]
    [InlineData("Disk /var/tmp full while writing artifact 3fa85f6457174562b3fc2c963f66afa6", FailureKinds.Other, "Disk /var/tmp full while writing artifact <id>")]
    public void A_reason_is_classified_and_stripped_of_what_varies(string reason, string kind, string normalised)
    {
        Assert.Equal(kind, FailureReasons.Classify(reason));
        Assert.Equal(normalised, FailureReasons.Normalise(reason));
    }

    [Fact]
    public void Two_failures_of_one_cause_normalise_to_the_same_pattern()
    {
        var first = FailureReasons.Normalise("Upstream 502 from https://api.example.com/v1/chat?id=17 at 2026-12-04 10:00:01 for \"plan A\"");
        var second = FailureReasons.Normalise("Upstream 504  from https://api.example.com/v1/chat?id=99 at 2026-12-05 11:12:13 for \"another plan\"");
        Assert.Equal(first, second);
        Assert.Equal("Upstream <n> from <url> at <time> for <value>", first);
    }

    [Fact]
    public void Apostrophes_inside_words_are_not_taken_for_quotes()
    {
        Assert.Equal("The model didn't answer and it's done", FailureReasons.Normalise("The model didn't answer and it's done"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_missing_reason_is_a_pattern_of_its_own(string? reason)
    {
        Assert.Equal("(no reason given)", FailureReasons.Normalise(reason));
        Assert.Equal(FailureKinds.Other, FailureReasons.Classify(reason));
    }

    [Fact]
    public void A_long_reason_is_cut_to_a_headline()
    {
        var normalised = FailureReasons.Normalise(new string('x', 5000));
        Assert.Equal(FailureReasons.MaxLength, normalised.Length);
        Assert.EndsWith("…", normalised, StringComparison.Ordinal);
    }
}
