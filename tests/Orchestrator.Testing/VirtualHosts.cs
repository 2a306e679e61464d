using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.AppHost;

namespace Orchestrator.Testing;

/// <summary>Creates and deletes RabbitMQ virtual hosts on the test broker, each with full permissions for the broker's user.</summary>
internal interface IVirtualHosts
{
    Task AddAsync(string name, CancellationToken ct);

    Task DeleteAsync(string name, CancellationToken ct);

    /// <summary>The user and password in an AMQP URI (guest's when it names none).</summary>
    static (string User, string Password) CredentialsOf(Uri amqp)
    {
        var parts = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        return parts[0].Length > 0 ? (parts[0], parts.Length > 1 ? parts[1] : "") : ("guest", "guest");
    }
}

/// <summary>
/// Virtual hosts of the AppHost's own RabbitMQ node, through <c>rabbitmqctl</c> run with the node's own environment
/// (node name, epmd port, home with the Erlang cookie): the node runs without the management plugin.
/// </summary>
internal sealed class RabbitMqCtlVirtualHosts(string rabbitMqCtl, IReadOnlyDictionary<string, string> environment, string user) : IVirtualHosts
{
    /// <summary>The virtual hosts of the AppHost's node, or of the broker it was pointed at (<c>ConnectionStrings:rabbitmq</c>) through its management API.</summary>
    public static async Task<IVirtualHosts> ForAsync(DistributedApplication servers, Uri amqp, CancellationToken ct)
    {
        if (servers.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RabbitMQServerResource>().SingleOrDefault() is not { } broker)
        {
            return new ManagementApiVirtualHosts(amqp);
        }

        var configuration = await ExecutionConfigurationBuilder.Create(broker).WithEnvironmentVariablesConfig()
            .BuildAsync(servers.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, ct);
        var environment = configuration.EnvironmentVariables.ToDictionary(v => v.Key, v => v.Value);
        var rabbitMqCtl = Path.Combine(Path.GetDirectoryName(broker.Command)!, "rabbitmqctl");
        return new RabbitMqCtlVirtualHosts(rabbitMqCtl, environment, IVirtualHosts.CredentialsOf(amqp).User);
    }

    public async Task AddAsync(string name, CancellationToken ct)
    {
        await RunAsync(["add_vhost", name], ct);
        await RunAsync(["set_permissions", "-p", name, user, ".*", ".*", ".*"], ct);
    }

    public Task DeleteAsync(string name, CancellationToken ct) => RunAsync(["delete_vhost", name], ct);

    private async Task RunAsync(string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(rabbitMqCtl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-q");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{rabbitMqCtl} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"rabbitmqctl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}{await output}");
        }
    }
}

/// <summary>
/// Virtual hosts of a configured broker, through its management HTTP API: the address in
/// ORCHESTRATOR_TEST_RABBITMQ_MANAGEMENT, else port 15672 of the broker's host, with the AMQP URI's user.
/// </summary>
internal sealed class ManagementApiVirtualHosts : IVirtualHosts, IDisposable
{
    private readonly HttpClient _http;
    private readonly string _user;

    public ManagementApiVirtualHosts(Uri amqp)
    {
        var configured = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_RABBITMQ_MANAGEMENT");
        var address = string.IsNullOrWhiteSpace(configured) ? new Uri($"http://{amqp.Host}:15672/") : new Uri(configured);
        (_user, var password) = IVirtualHosts.CredentialsOf(amqp);
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_user}:{password}")));
    }

    public async Task AddAsync(string name, CancellationToken ct)
    {
        await SucceedAsync(await _http.PutAsJsonAsync($"api/vhosts/{Uri.EscapeDataString(name)}", new { }, ct), "create virtual host " + name);
        await SucceedAsync(
            await _http.PutAsJsonAsync(
                $"api/permissions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(_user)}",
                new { configure = ".*", write = ".*", read = ".*" },
                ct),
            $"give {_user} permissions on virtual host {name}");
    }

    public async Task DeleteAsync(string name, CancellationToken ct) =>
        await SucceedAsync(await _http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}", ct), "delete virtual host " + name);

    public void Dispose() => _http.Dispose();

    private async Task SucceedAsync(HttpResponseMessage response, string what)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"Could not {what} through the RabbitMQ management API at {_http.BaseAddress} ({(int)response.StatusCode}): " +
                    $"{await response.Content.ReadAsStringAsync()}. Enable the management plugin or set ORCHESTRATOR_TEST_RABBITMQ_MANAGEMENT.");
            }
        }
    }
}
