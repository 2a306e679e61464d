using Microsoft.ML.Tokenizers;

namespace Orchestrator.ModelAccess;

/// <summary>Counts tokens with the model family's real tokenizer (o200k_base unless the model is known to use another).</summary>
public interface ITokenCounter
{
    /// <summary>The encoding's name, e.g. <c>o200k_base</c>.</summary>
    string Encoding { get; }

    int Count(string text);

    /// <summary>The prompt tokens of a chat request, counting the per-message framing the way OpenAI's chat format does.</summary>
    int Count(IReadOnlyList<ModelMessage> messages);
}

/// <remarks>
/// The tokenizer's vocabulary (tens of megabytes) is loaded at the first count, not when the counter is made: a service
/// whose model reports its own usage (the Planner's) never counts and never holds it.
/// </remarks>
public sealed class TiktokenCounter : ITokenCounter
{
    // OpenAI's chat format spends about three tokens framing each message and three priming the reply.
    private const int TokensPerMessage = 3;
    private const int ReplyPriming = 3;

    private readonly Lazy<(Tokenizer Tokenizer, string Encoding)> _loaded;

    private TiktokenCounter(string? model) => _loaded = new(() => Load(model));

    public string Encoding => _loaded.Value.Encoding;

    /// <summary>The tokenizer of <paramref name="model"/> when it is a known OpenAI model, otherwise o200k_base.</summary>
    public static TiktokenCounter ForModel(string? model) => new(model);

    private static (Tokenizer, string) Load(string? model)
    {
        if (!string.IsNullOrWhiteSpace(model))
        {
            try
            {
                return (TiktokenTokenizer.CreateForModel(model), EncodingOf(model));
            }
            catch (NotSupportedException)
            {
            }
        }

        return (TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base");
    }

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _loaded.Value.Tokenizer.CountTokens(text);

    public int Count(IReadOnlyList<ModelMessage> messages) =>
        messages.Sum(m => TokensPerMessage + Count(m.Content) + 1) + ReplyPriming;

    private static string EncodingOf(string model) =>
        model.StartsWith("gpt-4o", StringComparison.OrdinalIgnoreCase) || model.StartsWith("gpt-4.1", StringComparison.OrdinalIgnoreCase)
            || model.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase) || model.StartsWith('o')
            ? "o200k_base"
            : "cl100k_base";
}
