using Orchestrator.Benchmarks.Conversation;

// Prints, does not assert: streaming overhead of gateway + Conversation over the simulator, and prompt
// tokens per model call of isolated task conversations against one long conversation.
// The in-process hosts find their content roots through MvcTestingAppManifest.json, which is read from the working directory.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(20));
await using var system = await BenchmarkSystem.StartAsync(stop.Token);
Console.WriteLine($"Servers: {system.Description}. Simulator latency {BenchmarkSystem.LatencyMs} ms per call, {BenchmarkSystem.TokenLatencyMs} ms per chunk.");
await StreamingOverhead.RunAsync(system, stop.Token);
await PromptTokens.RunAsync(system, stop.Token);
