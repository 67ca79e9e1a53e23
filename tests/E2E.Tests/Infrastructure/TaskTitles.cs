namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>The Dutch titles of the workflows' human tasks (workflows/*.json), as the queues list them.</summary>
public static class TaskTitles
{
    // online-fraud-case
    public const string CivilCheck = "Beoordelen: strafbaar of civiel (wanprestatie)?";
    public const string VictimInfo = "Slachtoffer informeren (terugstortverzoek, coulance)";
    public const string Triage = "Triage: onderzoeken, parkeren of sluiten";
    public const string IdentifySuspects = "Verdachten identificeren";
    public const string VictimOutcome = "Slachtoffer informeren over de afloop";

    // account-trace
    public const string IdentifyHolder = "Rekeninghouder opvragen (Verwijzingsportaal Bankgegevens)";
    public const string DraftOrder = "Vordering opstellen (art. 126nd Sv)";
    public const string ApproveOrder = "Vordering beoordelen";
    public const string BankAnswer = "Vordering beantwoorden (art. 126nd Sv)";

    // suspect-disposition
    public const string Hearing = "Verdachte horen";
    public const string Proposal = "Afdoeningsvoorstel opstellen";
    public const string Decide = "Afdoeningsbeslissing nemen";
}
