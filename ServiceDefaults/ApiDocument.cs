using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Each service's OpenAPI document (<c>/openapi/v1.json</c>). The build also writes it into <c>web/openapi</c>
/// (Microsoft.Extensions.ApiDescription.Server starts the service with a server that takes no requests), and the
/// web's API types are generated from it, so the document says exactly what the service writes.
/// </summary>
public static class ApiDocument
{
    /// <summary>True while the build runs the service only to write its OpenAPI document.</summary>
    public static bool IsBeingWritten => Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>Adds the service's OpenAPI document, with its schemas spelled as <see cref="ApiJson"/> writes them; <paramref name="describe"/> adds what only the service knows.</summary>
    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder, Action<OpenApiOptions>? describe = null)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer((schema, context, _) =>
            {
                WrittenNumbers(schema);
                if (context.ParameterDescription?.Source == BindingSource.Body)
                {
                    NullableMayBeLeftOut(schema, context.JsonTypeInfo);
                }

                return Task.CompletedTask;
            });
            describe?.Invoke(options);
        });
        return builder;
    }

    /// <summary>While the build writes the OpenAPI document, starts no background work, so no database or broker is needed; call it last.</summary>
    public static IHostApplicationBuilder WithoutBackgroundWorkWhenDescribingApi(this IHostApplicationBuilder builder)
    {
        if (IsBeingWritten)
        {
            builder.Services.RemoveAll<IHostedService>();
        }

        return builder;
    }

    /// <summary>
    /// The API reads a number sent as a string (the web defaults) but always writes a number: the schema says
    /// <c>integer</c> or <c>number</c>, not "integer or a string of digits".
    /// </summary>
    private static void WrittenNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    /// <summary>
    /// A request body may leave out a field that takes null: the service reads a missing field as null, unless the
    /// field is marked <see cref="System.Text.Json.Serialization.JsonRequiredAttribute"/>.
    /// </summary>
    private static void NullableMayBeLeftOut(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (schema.Properties is null || schema.Required is null)
        {
            return;
        }

        var required = type.Properties.Where(p => p.IsRequired).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, property) in schema.Properties)
        {
            if (TakesNull(property) && !required.Contains(name))
            {
                schema.Required.Remove(name);
            }
        }
    }

    // A nullable property whose schema is a reference (an enumeration, an object) is marked in the schema's metadata
    // until the document wraps it in oneOf [null, reference].
    private static bool TakesNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && (type & JsonSchemaType.Null) != 0)
        || schema.OneOf?.Any(option => option.Type == JsonSchemaType.Null) == true
        || (schema is OpenApiSchema { Metadata: { } metadata } && metadata.TryGetValue("x-is-nullable-property", out var nullable) && nullable is true);
}
