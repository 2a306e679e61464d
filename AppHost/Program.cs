using Orchestrator.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres").WithDatabase("orchestrator");
var rabbitmq = builder.AddRabbitMQ("rabbitmq");

var planner = builder.AddProject("planner", "services/Planner/Orchestrator.Planner.csproj")
    .WithHttpEndpoint(5101)
    .WithReference(postgres).WaitFor(postgres)
    .WithReference(rabbitmq).WaitFor(rabbitmq);

var executor = builder.AddProject("executor", "services/Executor/Orchestrator.Executor.csproj")
    .WithHttpEndpoint(5102)
    .WithReference(postgres).WaitFor(postgres)
    .WithReference(rabbitmq).WaitFor(rabbitmq);

var conversation = builder.AddProject("conversation", "services/Conversation/Orchestrator.Conversation.csproj")
    .WithHttpEndpoint(5103)
    .WithReference(postgres).WaitFor(postgres)
    .WithReference(rabbitmq).WaitFor(rabbitmq);

var promptAnalytics = builder.AddProject("promptanalytics", "services/PromptAnalytics/Orchestrator.PromptAnalytics.csproj")
    .WithHttpEndpoint(5104)
    .WithReference(postgres).WaitFor(postgres)
    .WithReference(rabbitmq).WaitFor(rabbitmq);

// Planner and Conversation resolve prompts from PromptAnalytics, falling back to built-ins while it starts.
planner.WithReference(promptAnalytics);
conversation.WithReference(promptAnalytics);

// With no model provider configured, the system runs offline against the local model simulator.
var modelProvider = builder.Configuration["Orchestrator:Model:Provider"];
if (string.IsNullOrWhiteSpace(modelProvider) || modelProvider.Trim().Equals("simulator", StringComparison.OrdinalIgnoreCase))
{
    var modelSimulator = builder.AddProject("modelsim", "services/ModelSimulator/Orchestrator.ModelSimulator.csproj")
        .WithHttpEndpoint(5105);
    planner.WithReference(modelSimulator).WaitFor(modelSimulator);
    conversation.WithReference(modelSimulator).WaitFor(modelSimulator);
}

builder.AddProject("gateway", "services/Gateway/Orchestrator.Gateway.csproj")
    .WithHttpEndpoint(8080)
    .WithReference(planner).WaitFor(planner)
    .WithReference(executor).WaitFor(executor)
    .WithReference(conversation).WaitFor(conversation)
    .WithReference(promptAnalytics).WaitFor(promptAnalytics)
    .WithEnvironment("Gateway__WebRoot", Path.Combine(builder.RepositoryRoot, "web", "dist"));

await builder.Build().RunAsync();
