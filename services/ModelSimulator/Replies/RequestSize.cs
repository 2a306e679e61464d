namespace Orchestrator.ModelSimulator.Replies;

/// <summary>
/// Whether a decomposition request is a really small piece of work that one conversation does directly.
/// Word count alone gets the product document's own examples wrong ("Add authentication to my app" is five
/// words and a multi-part feature; "Fix a typo in the README" is six and one edit), so the request's verb counts:
/// a small edit (fix, rename, bump…) of a few words, a short question, or two words without a building verb.
/// </summary>
public static class RequestSize
{
    /// <summary>Requests longer than this are never small, whatever their verb.</summary>
    public const int MaxSmallWords = 10;

    private static readonly HashSet<string> EditVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "fix", "rename", "correct", "tweak", "bump", "reword", "rephrase", "reformat", "format", "update", "change",
        "remove", "delete", "adjust", "proofread", "spellcheck", "typo",
    };

    private static readonly HashSet<string> BuildVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "add", "build", "create", "implement", "make", "develop", "design", "set", "setup", "migrate", "integrate", "introduce", "support",
    };

    private static readonly HashSet<string> Politeness = new(StringComparer.OrdinalIgnoreCase) { "please", "can", "could", "you", "would", "kindly", "just", "quickly" };

    private static readonly char[] Punctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', '“', '”', '(', ')'];

    public static bool IsSmall(string request)
    {
        var words = request.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(Punctuation)).Where(w => w.Length > 0).SkipWhile(Politeness.Contains).ToList();
        if (words.Count == 0)
        {
            return true;
        }

        var several = request.Contains(" and ", StringComparison.OrdinalIgnoreCase) || request.Contains(',', StringComparison.Ordinal);
        if (words.Count <= MaxSmallWords && !several && (EditVerbs.Contains(words[0]) || words.Contains("typo", StringComparer.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (words.Count <= MaxSmallWords && request.TrimEnd().EndsWith('?'))
        {
            return true;
        }

        return words.Count < 3 && !BuildVerbs.Contains(words[0]);
    }
}
