using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Orchestrator.Eventing;

/// <summary>The HTTP edge of the write path: refusals as problem details, versions as ETag and If-Match.</summary>
public static class WrittenResults
{
    public static int StatusCode(this Refusal refusal) => refusal switch
    {
        Refusal.Invalid => StatusCodes.Status400BadRequest,
        Refusal.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>The refusal as problem details (RFC 9457) with its status, title and detail.</summary>
    public static ProblemHttpResult ToResult(this DecisionProblem problem) =>
        TypedResults.Problem(problem.Detail, statusCode: problem.Kind.StatusCode(), title: problem.Title);

    /// <summary>The write's HTTP result: its refusal as problem details, or what <paramref name="ok"/> makes of the state after it.</summary>
    public static Results<TOk, ProblemHttpResult> Respond<TState, TOk>(this Written<TState> written, Func<TState, TOk> ok)
        where TState : class
        where TOk : IResult
    {
        if (written.Problem is { } problem)
        {
            return problem.ToResult();
        }

        return ok(written.State!);
    }

    /// <summary>
    /// The version a client's <c>If-Match: "12"</c> asks for: null when it sends none (or <c>*</c>),
    /// a refusal when the header is not a version in quotes.
    /// </summary>
    public static (long? Version, DecisionProblem? Problem) ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header == "*")
        {
            return (null, null);
        }

        return EntityTagHeaderValue.TryParse(header, out var tag) && long.TryParse(tag.Tag.AsSpan().Trim('"'), out var version)
            ? (version, null)
            : (null, new DecisionProblem(Refusal.Invalid, "Invalid If-Match", "If-Match must be the version in quotes, e.g. \"12\"."));
    }
}
