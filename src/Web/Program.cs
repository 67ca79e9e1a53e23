using Coordination.Web;
using Coordination.Web.Components;
using Coordination.Web.Persistence;
using Coordination.Web.WorkflowHosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence();
builder.AddApplication();
builder.AddWorkflow();
builder.AddUserInterface();

var app = builder.Build();

await app.InitializeDatabaseAsync();
await app.InitializeWorkflowsAsync();
app.UseUserInterface();
app.MapEndpoints();

await app.RunAsync();

/// <summary>Entry point; public so the test host can find it.</summary>
public partial class Program;
