using Orchestrator.Executor;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddExecutorServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapExecutorApi();
app.Run();

/// <summary>The entry point, visible to tests that host the service.</summary>
public partial class Program;
