using Coordination.Web;
using Coordination.Web.Components;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence();
builder.AddApplication();
builder.AddSecurity();
builder.AddWorkflow();
builder.AddUserInterface();

var app = builder.Build();

await app.InitializeDatabaseAsync();
if (args.Contains(AuditVerification.CommandLineOption))
{
    // `dotnet run --project src/Web -- --verify-audit`: check the audit trail's hash chain and exit.
    return await app.VerifyAuditTrailAsync();
}

await app.InitializeWorkflowsAsync();
await app.SeedDemoDataAsync();
app.UseUserInterface();
app.MapEndpoints();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host can find it.</summary>
public partial class Program;
