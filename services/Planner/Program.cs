using Orchestrator.Planner;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlannerServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPlannerApi();
app.Run();

/// <summary>The entry point, visible to tests that host the service.</summary>
public partial class Program;
