using Coordination.Workflow.Runtime;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>Registers the automated steps of the case workflows (workflows/*.json), one handler per step key, and what
/// their milestones and ends mean for the case (<see cref="CaseWorkflowEvents"/>).</summary>
internal static class StepRegistration
{
    public static IServiceCollection AddCaseSteps(this IServiceCollection services)
    {
        services.AddSingleton<CaseWorkflowEvents>();
        services.AddSingleton<IStepHandler, LinkReportsStep>();
        services.AddSingleton<IStepHandler, BankSignalStep>();
        services.AddSingleton<IStepHandler, RecordAccountBlockStep>();
        services.AddSingleton<IStepHandler, TriageFactsStep>();
        services.AddSingleton<IStepHandler, FirstLineAccountsStep>();
        services.AddSingleton<IStepHandler, RecordHolderStep>();
        services.AddSingleton<IStepHandler, RecordBankAnswerStep>();
        services.AddSingleton<IStepHandler, RegisterSuspectsStep>();
        services.AddSingleton<IStepHandler, AgeAtOffenceStep>();
        services.AddSingleton<IStepHandler, NotifyChildProtectionBoardStep>();
        services.AddSingleton<IStepHandler, RecordDispositionStep>();
        services.AddSingleton<IStepHandler, SettleDispositionStep>();
        return services;
    }
}
