using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one JSON shape of the public API: camelCase names, enums as kebab-case strings.</summary>
public static class ApiJson
{
    /// <summary>How the API spells an enum value or a type's name: kebab-case (<c>AwaitingInput</c> → <c>awaiting-input</c>).</summary>
    public static JsonNamingPolicy Words { get; } = JsonNamingPolicy.KebabCaseLower;

    /// <summary>The API's word for <paramref name="value"/>, the same as in its JSON, for messages and keys.</summary>
    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => Words.ConvertName(value.ToString());

    /// <summary>The API's word for a name such as an event type's (<c>TaskCompleted</c> → <c>task-completed</c>).</summary>
    public static string Word(string name) => Words.ConvertName(name);

    /// <summary>Options for clients and tests that read or write the API's JSON.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the API's JSON conventions to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(Words));
        return options;
    }
}
