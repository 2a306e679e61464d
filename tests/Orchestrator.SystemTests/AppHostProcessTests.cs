using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.SystemTests;

/// <summary>The built AppHost run as a developer runs it: its own process, its dashboard, its instance lock, its stop on SIGTERM.</summary>
[Collection(SystemCollection.Name)]
public sealed class AppHostProcessTests(ITestOutputHelper output)
{
    private const string ReadyLine = "Orchestrator is ready.";

    [Fact]
    public async Task The_built_AppHost_announces_itself_serves_its_dashboard_refuses_a_second_instance_and_stops_everything_on_SIGTERM()
    {
        var state = Directory.CreateTempSubdirectory("orchestrator-apphost-").FullName;
        var ports = Ports.GetFreeBelowEphemeral(13);
        var (dashboard, otlp, resourceService, gateway) = (ports[0], ports[1], ports[2], ports[3]);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{dashboard}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlp}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{resourceService}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["Orchestrator__StateDirectory"] = state,
            ["Orchestrator__gateway__Port"] = Text(gateway),
            ["Orchestrator__Postgres__Port"] = Text(ports[4]),
            ["Orchestrator__RabbitMQ__Port"] = Text(ports[5]),
            ["Orchestrator__RabbitMQ__DistributionPort"] = Text(ports[6]),
            ["Orchestrator__RabbitMQ__EpmdPort"] = Text(ports[7]),
            ["Orchestrator__planner__Port"] = Text(ports[8]),
            ["Orchestrator__executor__Port"] = Text(ports[9]),
            ["Orchestrator__conversation__Port"] = Text(ports[10]),
            ["Orchestrator__promptanalytics__Port"] = Text(ports[11]),
            ["Orchestrator__modelsim__Port"] = Text(ports[12]),
        };

        var clock = Stopwatch.StartNew();
        using var host = AppHost.Start(environment);
        var footprint = new RunFootprint(state, host.Pid);
        footprint.AddPorts(ports);
        try
        {
            await host.WaitForOutputAsync(ReadyLine, TimeSpan.FromMinutes(4));
            var ready = clock.Elapsed;
            footprint.Remember();
            output.WriteLine($"[timing] built AppHost: \"{ReadyLine}\" after {SystemUnderTest.Seconds(ready)} s ({footprint.Seen.Count} processes)");

            var login = Regex.Match(host.Output, $@"http://127\.0\.0\.1:{dashboard}/login\?t=([0-9a-f]+)");
            Assert.True(login.Success, "no dashboard login link in the output:\n" + host.Tail(40));
            Assert.Contains($"Web app and API: http://127.0.0.1:{gateway}", host.Output, StringComparison.Ordinal);

            // The dashboard answers on its port: without the token it sends the browser to log in; with it, it serves the app.
            using (var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) })
            using (var first = await anonymous.GetAsync(new Uri($"http://127.0.0.1:{dashboard}/")))
            {
                output.WriteLine($"dashboard / without login: {(int)first.StatusCode} {first.Headers.Location}");
                Assert.True(first.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found or HttpStatusCode.Redirect, $"dashboard answered {(int)first.StatusCode}");
            }

            using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(30) })
            using (var page = await browser.GetAsync(new Uri(login.Value)))
            {
                var html = await page.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
            }

            using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
            using (var health = await client.GetAsync(new Uri($"http://127.0.0.1:{gateway}/health")))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            // A second AppHost on the same state directory refuses to start and says why.
            using (var second = AppHost.Start(environment))
            {
                var code = await second.WaitForExitAsync(TimeSpan.FromSeconds(90));
                output.WriteLine($"second AppHost exited with {code}: {second.Tail(3).Trim()}");
                Assert.Equal(1, code);
                Assert.Contains("already running", second.Output, StringComparison.Ordinal);
            }

            Assert.False(host.HasExited, "the first AppHost stopped when the second one was refused");
            footprint.Remember();

            // SIGTERM stops the AppHost within seconds; DCP then stops its children.
            var stopping = Stopwatch.StartNew();
            Signals.Send(host.Pid, Signals.Terminate);
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
            var appHostGone = stopping.Elapsed;
            var (_, processes, bound) = await footprint.WaitUntilGoneAsync(TimeSpan.FromSeconds(45));
            var allGone = stopping.Elapsed;
            output.WriteLine($"[timing] SIGTERM: AppHost exited with {exitCode} after {SystemUnderTest.Seconds(appHostGone)} s; " +
                $"no process or port of the run left after {SystemUnderTest.Seconds(allGone)} s ({footprint.Seen.Count} processes seen, {footprint.Ports.Count} ports checked)");
            output.WriteLine(host.Tail(8));

            Assert.Equal(0, exitCode);
            Assert.True(appHostGone < TimeSpan.FromSeconds(30), $"the AppHost took {appHostGone.TotalSeconds:0} s to stop");
            Assert.True(processes.Count == 0, "Processes of the run are still alive:\n" + string.Join("\n", processes));
            Assert.True(bound.Count == 0, "Ports of the run are still bound: " + string.Join(", ", bound));
        }
        catch
        {
            output.WriteLine(host.Tail(120));
            throw;
        }
        finally
        {
            if (!host.HasExited)
            {
                Signals.Send(host.Pid, Signals.Terminate);
                await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }

            try
            {
                Directory.Delete(state, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A server may still be writing its last files; the temporary folder is the system's to clean.
            }
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The AppHost's build output (same configuration as this test assembly) run with <c>dotnet</c>.</summary>
    private sealed class AppHost : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private AppHost(Process process) => _process = process;

        public int Pid => _process.Id;

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static AppHost Start(IReadOnlyDictionary<string, string> environment)
        {
            var dll = BuiltAppHost();
            var start = new ProcessStartInfo("dotnet", [dll])
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var host = new AppHost(new Process { StartInfo = start });
            host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
            host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
            host._process.Start();
            host._process.BeginOutputReadLine();
            host._process.BeginErrorReadLine();
            return host;
        }

        public async Task WaitForOutputAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The AppHost exited with {_process.ExitCode} before printing \"{text}\".");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The AppHost did not print \"{text}\" within {timeout.TotalSeconds:0} s.");
                }

                await Task.Delay(200);
            }
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }

        public string Tail(int lines) => string.Join("\n", Output.Split('\n').TakeLast(lines));

        public void Dispose() => _process.Dispose();

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        private static string BuiltAppHost()
        {
            var configuration = typeof(AppHostProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                directory = directory.Parent;
            }

            var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Orchestrator.sln was not found above the test assembly."),
                "AppHost", "bin", configuration, "net10.0", "Orchestrator.AppHost.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"The AppHost is not built: {dll} is missing (dotnet build -c {configuration}).");
        }
    }
}
