using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Benchmarks.PromptAnalytics;

internal static class Http
{
    public static async Task<string> GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? body : throw new HttpRequestException($"{(int)response.StatusCode} from {path}: {body}");
    }

    public static async Task PostAsync(HttpClient client, string path, object body) => await PostAsync<object>(client, path, body);

    public static async Task<T> PostAsync<T>(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, ApiJson.Options);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {path}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }
}
