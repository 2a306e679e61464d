using System.Text.Json;

namespace Orchestrator.Planner.Plans.Decomposing;

/// <summary>
/// One JSON object found in a model's reply: its parsed root (or why it does not parse), where it stands,
/// and what surrounded it, so the reader can say what it repaired to get at it.
/// </summary>
/// <param name="Fence">The 1-based code block the object stands in, or 0 outside any.</param>
/// <param name="Lenient">It parsed only with trailing commas or comments allowed.</param>
/// <param name="Surrounded">Text other than white space and fence markers stands before or after it.</param>
/// <param name="Nested">It lies inside a larger object that did not parse.</param>
public sealed record FoundJson(JsonElement? Root, string? Error, int Start, int End, int Fence, bool Lenient, bool Surrounded, bool Nested)
{
    public int Length => End - Start;
}

/// <summary>
/// Finds the JSON objects in a chat model's reply, wherever they stand: bare, in one or several code fences,
/// or inside a sentence. Chat models wrap structured output in prose and fences even when asked not to;
/// the reader looks at every object so it can take the one that follows the schema.
/// </summary>
public static class JsonInReply
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 64 };
    private static readonly JsonDocumentOptions Tolerant = new() { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Every top-level object of <paramref name="reply"/> in order, and how many code fences it has.</summary>
    public static (IReadOnlyList<FoundJson> Objects, int Fences) Find(string reply)
    {
        var fences = Fences(reply);
        var found = new List<FoundJson>();
        var position = 0;
        while ((position = reply.IndexOf('{', position)) >= 0)
        {
            var end = MatchingBrace(reply, position);
            var text = reply[position..(end < 0 ? reply.Length : end + 1)];
            var (root, error, lenient) = end < 0
                ? (null, "cut off", false)
                : ParseObject(text);
            var fence = fences.FindIndex(f => f.ContentStart <= position && position < f.End);
            var (outerStart, outerEnd) = fence >= 0 ? (fences[fence].Start, fences[fence].End) : (position, end < 0 ? reply.Length : end + 1);
            var surrounded = !string.IsNullOrWhiteSpace(reply[..outerStart]) || !string.IsNullOrWhiteSpace(reply[outerEnd..])
                || (fence >= 0 && (!string.IsNullOrWhiteSpace(reply[fences[fence].ContentStart..position]) || !string.IsNullOrWhiteSpace(reply[(position + text.Length)..fences[fence].ContentEnd])));
            var nested = found.Any(f => f.Root is null && f.Start < position && position < f.End);
            found.Add(new FoundJson(root, end < 0 ? Truncated : error, position, position + text.Length, fence + 1, lenient, surrounded, nested));

            // A parsed object is one candidate as a whole; inside one that does not parse, a smaller object may still be the answer.
            position = root is null ? position + 1 : end + 1;
        }

        return (found, fences.Count);
    }

    /// <summary>The refusal for an object the reply opens and never closes.</summary>
    public const string Truncated =
        "The JSON is cut off: an object or array is still open where the reply ends, so the reply was probably truncated. " +
        "Answer again with the whole object, with shorter objectives if it is long.";

    private static (JsonElement? Root, string? Error, bool Lenient) ParseObject(string text)
    {
        try
        {
            using var strict = JsonDocument.Parse(text, Strict);
            return (strict.RootElement.Clone(), null, false);
        }
        catch (JsonException ex)
        {
            try
            {
                using var tolerant = JsonDocument.Parse(text, Tolerant);
                return (tolerant.RootElement.Clone(), null, true);
            }
            catch (JsonException)
            {
                return (null, $"The reply is not valid JSON ({ex.Message}).", false);
            }
        }
    }

    /// <summary>The index of the brace that closes the object opened at <paramref name="start"/>, or -1 when the text ends first.</summary>
    private static int MatchingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return c == '}' ? i : -1;
                    }

                    break;
            }
        }

        return -1;
    }

    private sealed record Fence(int Start, int ContentStart, int ContentEnd, int End);

    /// <summary>The code fences of the text: an opening <c>```lang</c> up to the next <c>```</c>, or to the end of an unfinished one.</summary>
    private static List<Fence> Fences(string text)
    {
        var fences = new List<Fence>();
        var position = 0;
        while ((position = text.IndexOf("```", position, StringComparison.Ordinal)) >= 0)
        {
            var contentStart = position + 3;
            while (contentStart < text.Length && (char.IsLetterOrDigit(text[contentStart]) || text[contentStart] is '-' or '_'))
            {
                contentStart++;
            }

            var close = text.IndexOf("```", contentStart, StringComparison.Ordinal);
            var contentEnd = close < 0 ? text.Length : close;
            var end = close < 0 ? text.Length : close + 3;
            fences.Add(new Fence(position, contentStart, contentEnd, end));
            position = end;
        }

        return fences;
    }
}
