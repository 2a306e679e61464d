using System.Text.RegularExpressions;
using Marten;

namespace Orchestrator.Planner.Patterns;

/// <summary>
/// Finds gallery patterns like a request with PostgreSQL's full-text search: the request's words (stemmed, stop words dropped)
/// are OR-ed into one query and the patterns ranked by how much of it they cover, normalised by their length. A GIN index
/// on the same expression keeps it fast on a large gallery.
/// </summary>
public static partial class PatternSearch
{
    /// <summary>The text-search configuration of both the index and the queries; they must agree for the index to be used.</summary>
    public const string Configuration = "english";

    /// <summary>The most words of a request the query keeps: the first ones of a long request say what it is about.</summary>
    public const int MaxWords = 64;

    /// <summary>The indexed expression, as stored by Marten (the document's <c>searchText</c>).</summary>
    public const string Vector = $"to_tsvector('{Configuration}'::regconfig, data ->> 'searchText')";

    /// <summary>Declares the index the search uses.</summary>
    public static void Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<Pattern>().FullTextIndex(Configuration, p => p.SearchText);
    }

    /// <summary>
    /// The request's words as a <c>to_tsquery</c> text joined by OR (<c>cart | checkout | payment</c>), or null when it has none.
    /// Only letters and digits pass, so nothing in the request can change the query's syntax.
    /// </summary>
    public static string? QueryOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 1).Distinct(StringComparer.Ordinal).Take(MaxWords).ToList();
        return words.Count == 0 ? null : string.Join(" | ", words);
    }

    /// <summary>
    /// The best <paramref name="limit"/> patterns for <paramref name="text"/>, best first; none when it has no searchable word.
    /// A pattern must share at least two of the request's words (its only word, for a one-word search) and a fifth of them:
    /// one common word ("add", "site") in a long plan is no likeness, and an unrelated example misleads the model.
    /// </summary>
    public static Task<IReadOnlyList<Pattern>> FindAsync(IQuerySession session, string? text, int limit, CancellationToken ct) =>
        FindAsync(session, text, limit, Vector, ct);

    /// <summary>The same search over another text-search vector of the document (the benchmark's full scan uses one the index does not cover).</summary>
    public static async Task<IReadOnlyList<Pattern>> FindAsync(IQuerySession session, string? text, int limit, string vector, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (QueryOf(text) is not { } query)
        {
            return [];
        }

        // ts_rank's normalisation 1 divides by 1 + log(length), so a long plan does not win on length alone. The likeness check
        // runs on the best few only: the index finds the candidates, the ranking orders them, then their shared words are counted.
        var table = session.DocumentStore.Options.Schema.For<Pattern>();
        var found = await session.QueryAsync<Pattern>(
            $"""
            with q as (select to_tsquery('{Configuration}', ?) as query, tsvector_to_array(to_tsvector('{Configuration}', ?)) as words),
            ranked as (
              select d.data, {vector} as vector, ts_rank({vector}, q.query, 1) as rank
              from {table} d, q
              where {vector} @@ q.query and not (d.data ->> 'removed')::boolean
              order by rank desc, d.data ->> 'createdAt' desc
              limit {Math.Clamp(limit, 1, 100) * 4})
            select ranked.data from ranked, q,
              lateral (select cardinality(array(select unnest(tsvector_to_array(ranked.vector)) intersect select unnest(q.words))) as shared) likeness
            where likeness.shared >= least(2, cardinality(q.words)) and likeness.shared * 5 >= cardinality(q.words)
            order by ranked.rank desc
            limit {Math.Clamp(limit, 1, 100)}
            """,
            ct, query, query.Replace(" | ", " ", StringComparison.Ordinal));
        return found;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
