using Orchestrator.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder);
using var instance = InstanceLock.TryAcquire(settings.StateDirectory, out var refusal);
if (instance is null)
{
    Console.Error.WriteLine(refusal);
    return 1;
}

var postgres = builder.AddPostgresServer("postgres", settings);
var rabbitmq = builder.AddRabbitMQServer("rabbitmq", settings);
builder.Services.AddSingleton(settings);
builder.AddCrashRestarts();

// Integration tests and benchmarks host the services themselves and take only the servers.
if (settings.ServersOnly)
{
    await builder.Build().RunAsync();
    return 0;
}

builder.Services.AddHostedService<ReadyAnnouncement>();

var promptAnalytics = builder.AddService<Projects.Orchestrator_PromptAnalytics>("promptanalytics", 5104, settings)
    .WithServers(postgres, rabbitmq);

var planner = builder.AddService<Projects.Orchestrator_Planner>("planner", 5101, settings)
    .WithServers(postgres, rabbitmq)
    .WithReference(promptAnalytics);

var executor = builder.AddService<Projects.Orchestrator_Executor>("executor", 5102, settings)
    .WithServers(postgres, rabbitmq);

var conversation = builder.AddService<Projects.Orchestrator_Conversation>("conversation", 5103, settings)
    .WithServers(postgres, rabbitmq)
    .WithReference(promptAnalytics)
    .WithReference(planner);

// With no model provider configured, the system runs offline against the local model simulator.
if (builder.Configuration["Orchestrator:Model:Provider"] is not { Length: > 0 } provider || provider.Trim().Equals("simulator", StringComparison.OrdinalIgnoreCase))
{
    var modelSimulator = builder.AddService<Projects.Orchestrator_ModelSimulator>("modelsim", 5105, settings);
    planner.WithReference(modelSimulator).WaitFor(modelSimulator);
    conversation.WithReference(modelSimulator).WaitFor(modelSimulator);
}

builder.AddService<Projects.Orchestrator_Gateway>("gateway", 8080, settings)
    .WithExternalHttpEndpoints()
    .WithReference(planner).WaitFor(planner)
    .WithReference(executor).WaitFor(executor)
    .WithReference(conversation).WaitFor(conversation)
    .WithReference(promptAnalytics).WaitFor(promptAnalytics)
    .WithEnvironment("Gateway__WebRoot", Path.Combine(settings.RepositoryRoot, "web", "dist"));

await builder.Build().RunAsync();
return 0;
