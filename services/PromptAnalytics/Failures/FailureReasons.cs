using System.Text.RegularExpressions;

namespace Orchestrator.PromptAnalytics.Failures;

/// <summary>The kinds of error a failed task's reason is classified into.</summary>
public static class FailureKinds
{
    public const string Timeout = "timeout";
    public const string ModelUnavailable = "model-unavailable";
    public const string RateLimit = "rate-limit";
    public const string MalformedOutput = "malformed-output";
    public const string Refused = "refused";
    public const string Cancelled = "cancelled";
    public const string Other = "other";

    public static IReadOnlyList<string> Known { get; } = [Timeout, ModelUnavailable, RateLimit, MalformedOutput, Refused, Cancelled, Other];
}

/// <summary>
/// Turns a failure reason into its pattern: two failures of the same cause differ only in ids, numbers, quoted values,
/// URLs and timestamps, so those are replaced by placeholders before failures are grouped; pure.
/// </summary>
public static partial class FailureReasons
{
    /// <summary>Longest normalised reason kept: a pattern is a headline, not the model's whole answer.</summary>
    public const int MaxLength = 200;

    /// <summary>The reason with its variable parts replaced by placeholders and its whitespace collapsed.</summary>
    public static string Normalise(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "(no reason given)";
        }

        // Order matters: a URL or timestamp holds numbers and ids that must not be replaced piecemeal first.
        var text = Url().Replace(reason, "<url>");
        text = Timestamp().Replace(text, "<time>");
        text = Guid().Replace(text, "<id>");
        text = Quoted().Replace(text, "<value>");
        text = TokenId().Replace(text, "<id>");
        text = HexId().Replace(text, "<id>");
        text = Number().Replace(text, "<n>");
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }

    /// <summary>
    /// The kind of error the reason describes. Checked in an order that settles overlaps: an HTTP client's "canceled due to
    /// its timeout" is a timeout, a 429 is a rate limit before it is any other status, a refusal is not malformed output.
    /// </summary>
    public static string Classify(string? reason)
    {
        var text = reason ?? string.Empty;
        return text switch
        {
            _ when IsTimeout().IsMatch(text) => FailureKinds.Timeout,
            _ when IsRateLimit().IsMatch(text) => FailureKinds.RateLimit,
            _ when IsCancelled().IsMatch(text) => FailureKinds.Cancelled,
            _ when IsRefused().IsMatch(text) => FailureKinds.Refused,
            _ when IsUnavailable().IsMatch(text) => FailureKinds.ModelUnavailable,
            _ when IsMalformed().IsMatch(text) => FailureKinds.MalformedOutput,
            _ => FailureKinds.Other,
        };
    }

    [GeneratedRegex(@"\b(?:https?|wss?)://[^\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b|\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    // A single quote inside a word (can't) is an apostrophe, not the end of a quoted value.
    [GeneratedRegex(@"(?<!\w)""[^""\n]*""|(?<!\w)'(?:[^'\n]|'(?=\w))*'(?!\w)|`[^`\n]*`|“[^”\n]*”|‘[^’\n]*’")]
    private static partial Regex Quoted();

    // Provider ids such as req_8f3kq2 or chatcmpl-9XyZ12: letters, a separator, then a run holding a digit.
    [GeneratedRegex(@"\b[a-z]+[-_](?=[a-z0-9]*\d)[a-z0-9]{4,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex TokenId();

    [GeneratedRegex(@"\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex HexId();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"timed?[\s-]?out|timeout|deadline exceeded|took too long|did not answer within|\b504\b", RegexOptions.IgnoreCase)]
    private static partial Regex IsTimeout();

    [GeneratedRegex(@"rate[\s-]?limit|too many requests|\b429\b|quota|throttl", RegexOptions.IgnoreCase)]
    private static partial Regex IsRateLimit();

    [GeneratedRegex(@"cancel", RegexOptions.IgnoreCase)]
    private static partial Regex IsCancelled();

    [GeneratedRegex(@"refus|declin|content (?:policy|filter)|safety|i can(?:'|no)t help|unable to comply", RegexOptions.IgnoreCase)]
    private static partial Regex IsRefused();

    [GeneratedRegex(@"\b5\d\d\b|unavailable|overloaded|bad gateway|internal server error|server error|connection (?:refused|reset)|broke off|model not found|no such model|unreachable", RegexOptions.IgnoreCase)]
    private static partial Regex IsUnavailable();

    [GeneratedRegex(@"malformed|could not be read|invalid json|not valid json|json|pars(?:e|ing)|unexpected (?:token|end)|truncat|schema|missing expected output|did not (?:produce|mention)|empty (?:reply|answer|response)", RegexOptions.IgnoreCase)]
    private static partial Regex IsMalformed();
}
