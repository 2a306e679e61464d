using Orchestrator.Conversation;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddConversationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapConversationApi();
app.Run();

/// <summary>The entry point, visible to tests that host the service.</summary>
public partial class Program;
