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
        var objects = Objects(reply);

        // Fences are looked for outside the objects, so a fence written inside a JSON string (an objective that shows a command) is not one.
        var outside = reply.ToCharArray();
        foreach (var (start, end, _, _, _) in objects.Where(o => o.Root is not null))
        {
            Array.Fill(outside, ' ', start, end - start);
        }

        var text = new string(outside);
        var fences = Fences(text);
        var found = new List<FoundJson>();
        foreach (var (start, end, root, error, lenient) in objects)
        {
            var fence = fences.FindIndex(f => f.ContentStart <= start && start < f.End);
            var (outerStart, outerEnd) = fence >= 0 ? (fences[fence].Start, Math.Max(fences[fence].End, end)) : (start, end);
            var surrounded = HasText(text, 0, outerStart) || HasText(text, outerEnd, text.Length)
                || (fence >= 0 && (HasText(text, fences[fence].ContentStart, start) || HasText(text, end, fences[fence].ContentEnd)));
            var nested = found.Any(f => f.Root is null && f.Start < start && start < f.End);
            found.Add(new FoundJson(root, error, start, end, fence + 1, lenient, surrounded, nested));
        }

        return (found, fences.Count);
    }

    /// <summary>
    /// Each object from an opening brace to its closing one, parsed, or the reason it does not parse. A parsed object is one
    /// candidate as a whole; inside one that does not parse, a smaller object may still be the answer.
    /// </summary>
    private static List<(int Start, int End, JsonElement? Root, string? Error, bool Lenient)> Objects(string reply)
    {
        var objects = new List<(int, int, JsonElement?, string?, bool)>();
        var position = 0;
        while ((position = reply.IndexOf('{', position)) >= 0)
        {
            var close = MatchingBrace(reply, position);
            var end = close < 0 ? reply.Length : close + 1;
            var (root, error, lenient) = close < 0 ? (null, Truncated, false) : ParseObject(reply[position..end]);
            objects.Add((position, end, root, error, lenient));
            position = root is null ? position + 1 : end;
        }

        return objects;
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

    private static bool HasText(string text, int from, int to) => from < to && !text.AsSpan(from, to - from).IsWhiteSpace();

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
