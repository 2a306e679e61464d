using System.Text.RegularExpressions;

namespace Orchestrator.ModelSimulator.Replies;

/// <summary>The content words of a request, in order, without repeats or filler.</summary>
public static partial class Words
{
    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "for", "with", "my", "our", "your", "their", "its", "it",
        "is", "are", "be", "this", "that", "these", "those", "from", "by", "as", "at", "into", "so", "we", "i", "you", "me",
        "please", "can", "could", "would", "should", "will", "make", "add", "build", "create", "some", "all", "any", "new",
        "need", "want", "like", "also", "then", "than", "them", "they", "have", "has", "do", "does", "let", "lets", "get",
        "request", "task", "objective", "depth", "split", "subtasks", "into", "using", "use", "about",
    };

    public static IReadOnlyList<string> Of(string text) =>
        WordPattern().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            .Where(w => w.Length > 2 && !Filler.Contains(w) && !w.All(char.IsDigit))
            .Distinct()
            .ToList();

    public static int Count(string text) => WordPattern().Count(text);

    /// <summary>The first <paramref name="max"/> characters, cut at a word where possible, with an ellipsis when cut.</summary>
    public static string Quote(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat[..max];
        var space = cut.LastIndexOf(' ');
        return (space > max / 2 ? cut[..space] : cut).TrimEnd() + "…";
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\-]*")]
    private static partial Regex WordPattern();
}
