using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>Calls to the services' JSON APIs that fail the test, with the answer's body, when the call does not succeed.</summary>
internal static class JsonApi
{
    public static async Task<JsonObject> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string path) => (await GetNodeAsync(client, path)).AsObject();

    public static async Task<JsonNode> GetNodeAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static Guid Id(JsonNode task) => task["id"]!.GetValue<Guid>();

    public static JsonNode TaskIn(JsonObject plan, Guid id) => plan["tasks"]!.AsArray().Single(t => Id(t!) == id)!;
}
