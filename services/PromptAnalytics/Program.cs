using Orchestrator.PromptAnalytics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPromptAnalyticsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPromptAnalyticsApi();
app.Run();

/// <summary>The entry point, visible to tests that host the service.</summary>
public partial class Program;
