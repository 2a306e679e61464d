using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns a request the framework could not bind (a body that is not JSON, a field of the wrong type, a value outside
/// an enumeration, a missing required parameter) into problem details that name the field and, for an enumeration,
/// the values it accepts, instead of a bare 400 that says nothing.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems, IOptions<JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        // The middleware clears the endpoint before handlers run; the feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var body = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Invalid request",
                Detail = bad.InnerException is JsonException invalid ? Describe(invalid, body, json.Value.SerializerOptions) : bad.Message,
            },
        });
    }

    /// <summary>What is wrong with the body, in the API's own names: the field (its JSON path) and what it accepts.</summary>
    private static string Describe(JsonException invalid, Type? bodyType, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(invalid.Path) || invalid.Path == "$")
        {
            return "The request body is not valid JSON: send a JSON object with the fields this endpoint takes.";
        }

        var field = invalid.Path.StartsWith("$.", StringComparison.Ordinal) ? invalid.Path[2..] : invalid.Path;
        var accepted = bodyType is null ? null : FieldType(bodyType, field, options) is { } type ? Accepted(type, options) : null;
        return $"'{field}' has a value that cannot be read" + (accepted is null ? "." : $"; it takes {accepted}.");
    }

    /// <summary>The type of the field at <paramref name="path"/> (e.g. <c>mode</c>, <c>tasks[2].mode</c>) below <paramref name="type"/>.</summary>
    private static Type? FieldType(Type type, string path, JsonSerializerOptions options)
    {
        foreach (var segment in path.Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = options.GetTypeInfo(type).Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }

            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal))
            {
                type = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? type;
                type = Nullable.GetUnderlyingType(type) ?? type;
            }
        }

        return type;
    }

    private static string? Accepted(Type type, JsonSerializerOptions options)
    {
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options)));
        }

        return options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "a JSON array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "a JSON object",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(Guid) => "an id (a GUID in quotes)",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time (ISO 8601)",
            _ when type.IsPrimitive || type == typeof(decimal) => "a number",
            _ => null,
        };
    }
}
