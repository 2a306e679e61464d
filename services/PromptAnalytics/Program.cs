using Orchestrator.PromptAnalytics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPromptAnalyticsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPromptAnalyticsApi();
app.Run();
