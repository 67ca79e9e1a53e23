using Coordination.Web;
using Coordination.Web.Components;
using Coordination.Web.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence();
builder.AddApplication();
builder.AddUserInterface();

var app = builder.Build();

await app.InitializeDatabaseAsync();
app.UseUserInterface();
app.MapEndpoints();

await app.RunAsync();

/// <summary>Entry point; public so the test host can find it.</summary>
public partial class Program;
