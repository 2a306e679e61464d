using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;
using Xunit.Abstractions;
using static Orchestrator.Planner.IntegrationTests.JsonApi;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// Every route with an id in its path, read from each service's own OpenAPI document, called with ids that name nothing (all
/// zeros, a fresh GUID) and with an id that is not one: the answer is a 4xx with problem details, never a 500.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BadIdTests(InfrastructureFixture fixture, ITestOutputHelper output) : WholeSystemTests(fixture, "bad_ids")
{
    [Fact]
    public async Task Every_route_answers_an_unknown_or_malformed_id_with_a_client_error_and_problem_details()
    {
        var failures = new List<string>();
        var calls = 0;
        foreach (var (name, client) in new[] { ("planner", Planner), ("executor", Executor), ("conversation", Conversation), ("promptanalytics", Analytics) })
        {
            var document = await GetAsync(client, "/openapi/v1.json");
            foreach (var (path, operations) in document["paths"]!.AsObject())
            {
                if (!path.Contains('{', StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var (method, _) in operations!.AsObject())
                {
                    foreach (var id in new[] { Guid.Empty.ToString(), Guid.NewGuid().ToString(), "not-an-id" })
                    {
                        var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", id);
                        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                        if (method is "post" or "put" or "patch")
                        {
                            request.Content = JsonContent.Create(new JsonObject());
                        }

                        using var response = await client.SendAsync(request);
                        calls++;
                        var status = (int)response.StatusCode;
                        var type = response.Content.Headers.ContentType?.MediaType;
                        if (status is < 400 or >= 500 || type != "application/problem+json")
                        {
                            failures.Add($"{name} {method.ToUpperInvariant()} {url} → {status} {type}: {Shorten(await response.Content.ReadAsStringAsync())}");
                        }
                    }
                }
            }
        }

        output.WriteLine($"{calls} calls with unknown or malformed ids.");
        failures.ForEach(output.WriteLine);
        Assert.True(calls > 50, $"only {calls} calls: the OpenAPI documents list fewer routes than expected");
        Assert.Empty(failures);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
