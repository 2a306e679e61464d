using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.Decomposing;

namespace Orchestrator.Planner.Tests.Plans;

/// <summary>
/// Replies in the shapes real chat models write (OpenAI, Anthropic, Llama, Qwen, Mistral), one file each under
/// <c>DecompositionCorpus/</c>: the expected result as JSON, a <c>--- reply ---</c> line, then the reply as the model
/// wrote it. A usable reply must give exactly the expected decision, tasks and repair notes; a refused one a reason
/// that says what to fix.
/// </summary>
public sealed class DecompositionCorpusTests
{
    private const string Separator = "\n--- reply ---\n";

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "DecompositionCorpus");

    public static TheoryData<string> Replies => new(Directory.GetFiles(Folder, "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Replies))]
    public void A_reply_is_read_as_its_entry_expects(string file)
    {
        var (expected, reply) = Load(file);
        var allowedNesting = expected.TryGetProperty("allowedNesting", out var nesting) ? nesting.GetInt32() : 3;

        var result = DecompositionParser.Parse(reply, allowedNesting);

        if (expected.TryGetProperty("refused", out var refused))
        {
            Assert.Null(result.Proposal);
            Assert.Contains(refused.GetString()!, result.Error, StringComparison.Ordinal);
            Assert.Contains(result.Error!, Decomposer.RetryTurn(result.Error!), StringComparison.Ordinal);
            return;
        }

        Assert.Null(result.Error);
        var proposal = result.Proposal!;
        Assert.Equal(expected.GetProperty("action").GetString(), proposal.Action);
        Assert.Equal(Strings(expected, "tasks"), Describe(proposal.Subtasks, ""));
        Assert.Equal(Strings(expected, "repairs"), proposal.Repairs);
    }

    [Fact]
    public void The_corpus_holds_at_least_thirty_replies_with_both_decisions_and_refusals()
    {
        var entries = Directory.GetFiles(Folder, "*.txt").Select(f => Load(Path.GetFileName(f)).Expected).ToList();

        Assert.True(entries.Count >= 30, $"The corpus holds {entries.Count} replies.");
        Assert.Contains(entries, e => e.TryGetProperty("action", out var a) && a.GetString() == "split");
        Assert.Contains(entries, e => e.TryGetProperty("action", out var a) && a.GetString() == "execute");
        Assert.True(entries.Count(e => e.TryGetProperty("refused", out _)) >= 5);
    }

    private static (JsonElement Expected, string Reply) Load(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file)).ReplaceLineEndings("\n");
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        Assert.True(at > 0, $"{file} has no '{Separator.Trim()}' line.");
        using var expected = JsonDocument.Parse(text[..at]);
        return (expected.RootElement.Clone(), text[(at + Separator.Length)..]);
    }

    private static List<string> Strings(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>One line a task, parents first: <c>parent/key | title | mode | dependencies</c>.</summary>
    private static List<string> Describe(IEnumerable<ProposedTask> tasks, string path) =>
        [.. tasks.SelectMany(t => Describe(t.Subtasks, $"{path}{t.Key}/")
            .Prepend($"{path}{t.Key} | {t.Title} | {ApiJson.Word(t.Mode)} | {string.Join(", ", t.DependsOn)}"))];
}
