using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Planner.Plans.Artifacts;

/// <summary>
/// Finds what a task produced in its result: the whole result as a markdown document, then each fenced block as a code
/// artifact (a block fenced as markdown as a document), named by an explicit file name (<c>```python title="app.py"</c>,
/// <c>```python:app.py</c>, a <c>// file: app.py</c> first line, a <c>**app.py**</c> line just before it) or else by the
/// heading above it. Pure and deterministic: the same task and result always give the same artifacts and ids.
/// </summary>
public static partial class ArtifactExtraction
{
    public const string ResultName = "Result";

    /// <summary>The artifacts of <paramref name="result"/>, the whole result first.</summary>
    public static IReadOnlyList<RecordedArtifact> Extract(Guid taskId, string result)
    {
        var artifacts = new List<RecordedArtifact> { new(IdOf(taskId, 0), ResultName, TaskArtifact.Markdown, null, result, 0, result.Length) };
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ResultName };
        foreach (var block in FencedBlocks(result))
        {
            var language = block.Language;
            var kind = language is "markdown" or "md" ? TaskArtifact.Markdown : TaskArtifact.Code;
            var name = block.Hint ?? block.Heading ?? $"{(kind == TaskArtifact.Markdown ? "Document" : "Code block")} {artifacts.Count}";
            artifacts.Add(new(IdOf(taskId, artifacts.Count), Unique(names, name), kind, language, result.Substring(block.Start, block.Length), block.Start, block.Length));
        }

        return artifacts;
    }

    /// <summary>The event that records the artifacts of a task's new result.</summary>
    public static ArtifactsRecorded Record(TaskCompleted completed) =>
        new(completed.PlanId, completed.TaskId, Extract(completed.TaskId, completed.Result), completed.At);

    /// <summary>The id of the task's artifact at <paramref name="index"/>: the same for every replay of the same result.</summary>
    public static Guid IdOf(Guid taskId, int index)
    {
        Span<byte> input = stackalloc byte[20];
        taskId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];

        // Marked as a name-based (version 5 style) RFC 4122 id.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = name;
        for (var n = 2; !names.Add(candidate); n++)
        {
            candidate = $"{name} ({n})";
        }

        return candidate;
    }

    private sealed record Block(int Start, int Length, string? Language, string? Hint, string? Heading);

    private static IEnumerable<Block> FencedBlocks(string text)
    {
        var lines = Lines(text).ToList();
        string? heading = null;
        string? previous = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var (lineStart, line) = lines[i];
            var open = OpeningFence().Match(line);
            if (!open.Success || (open.Groups["fence"].Value[0] == '`' && open.Groups["info"].Value.Contains('`')))
            {
                if (Heading().Match(line) is { Success: true } h)
                {
                    heading = Plain(h.Groups["text"].Value);
                }

                if (line.Trim().Length > 0)
                {
                    previous = line;
                }

                continue;
            }

            var fence = open.Groups["fence"].Value;
            var start = i + 1 < lines.Count ? lines[i + 1].Start : text.Length;
            var end = text.Length;
            var close = i + 1;
            for (; close < lines.Count; close++)
            {
                var trimmed = lines[close].Line.TrimStart(' ');
                if (lines[close].Line.Length - trimmed.Length <= 3 && trimmed.TrimEnd().Length >= fence.Length && trimmed.TrimEnd().All(c => c == fence[0]))
                {
                    end = lines[close].Start;
                    break;
                }
            }

            // The content ends before the line break that precedes the closing fence.
            if (close < lines.Count && end > start)
            {
                end--;
                if (end > start && text[end - 1] == '\r')
                {
                    end--;
                }
            }

            var (language, infoHint) = Info(open.Groups["info"].Value.Trim());
            var content = text[start..Math.Max(start, end)];
            var hint = infoHint ?? FirstLineHint(content) ?? (previous is not null ? FileLine().Match(previous) is { Success: true } f ? f.Groups["file"].Value : null : null);
            yield return new Block(start, Math.Max(0, end - start), language, hint, heading);
            previous = null;
            i = close;
        }
    }

    private static (string? Language, string? Hint) Info(string info)
    {
        if (info.Length == 0)
        {
            return (null, null);
        }

        var first = info.Split([' ', '\t'], 2)[0];
        string? hint = null;
        if (first.IndexOf(':') is > 0 and var colon && colon < first.Length - 1)
        {
            hint = first[(colon + 1)..];
            first = first[..colon];
        }

        if (InfoAttribute().Match(info) is { Success: true } attribute)
        {
            hint = attribute.Groups["value"].Value;
        }

        var language = first.ToLowerInvariant();
        return (language.Length == 0 ? null : language, string.IsNullOrWhiteSpace(hint) ? null : hint.Trim());
    }

    private static string? FirstLineHint(string content)
    {
        var firstLine = content.Split('\n', 2)[0];
        return FileComment().Match(firstLine) is { Success: true } m ? m.Groups["file"].Value : null;
    }

    private static string Plain(string text) => text.Replace("`", "").Replace("**", "").Replace("__", "").Trim().TrimEnd(':').Trim();

    private static IEnumerable<(int Start, string Line)> Lines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            yield return (start, text[start..end].TrimEnd('\r'));
            if (newline < 0)
            {
                yield break;
            }

            start = newline + 1;
        }
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex OpeningFence();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\b(?:title|filename|file|name|path)\s*=\s*(?:""(?<value>[^""]+)""|'(?<value>[^']+)'|(?<value>\S+))", RegexOptions.IgnoreCase)]
    private static partial Regex InfoAttribute();

    [GeneratedRegex(@"^\s*(?://|#|--|<!--|/\*|;)\s*(?:file(?:name)?|path)\s*:\s*(?<file>[\w][\w./-]*\.[A-Za-z0-9]+)", RegexOptions.IgnoreCase)]
    private static partial Regex FileComment();

    [GeneratedRegex(@"^\s*(?:#{1,6}\s+)?[*_`]*(?:file(?:name)?\s*:\s*)?[*_`]*(?<file>[\w][\w./-]*\.[A-Za-z0-9]+)[*_`]*\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FileLine();
}
