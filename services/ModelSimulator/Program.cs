using Orchestrator.ModelSimulator;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddModelSimulator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapModelSimulatorApi();
app.Run();

/// <summary>The entry point, visible to tests that host the simulator.</summary>
public partial class Program;
