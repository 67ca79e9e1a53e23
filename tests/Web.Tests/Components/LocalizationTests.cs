using System.Text.RegularExpressions;
using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components;

/// <summary>
/// Every user-visible string comes from SharedResource (Dutch) and has an English translation: no key missing in
/// either file, none used by a component but absent, none behind an enum or a workflow name left out, and no Dutch
/// text left untranslated in the English file.
/// </summary>
public sealed partial class LocalizationTests
{
    // Words that are the same in both languages; anything else identical in both files is Dutch left untranslated.
    private static readonly HashSet<string> _sameInBothLanguages =
        ["Phishing", "Crypto", "Team", "Triage", "Auditor", "Open", "Status", "Hack_Right", "{0} d", "Coordination", "IBAN", "Workflow"];

    // The enum behind each dynamic key prefix (L["Prefix." + value]) in the components.
    private static readonly Dictionary<string, Type> _enumPrefixes = new(StringComparer.Ordinal)
    {
        ["FraudType."] = typeof(FraudType),
        ["Phase."] = typeof(CasePhase),
        ["Sla."] = typeof(SlaState),
        ["Status."] = typeof(WorkItemStatus),
        ["Role."] = typeof(Role),
        ["PartyRole."] = typeof(PartyRole),
        ["EndState."] = typeof(CaseEndState),
        ["AccountStatus."] = typeof(AccountStatus),
        ["CashOutMethod."] = typeof(CashOutMethod),
        ["Channel."] = typeof(ReportChannel),
        ["AuditAction."] = typeof(AuditAction),
        ["AuditResult."] = typeof(AuditResult),
        ["WorkflowStatus."] = typeof(WorkflowStatus),
        ["BookmarkKind."] = typeof(BookmarkKind),
    };

    // Prefixes over open sets (codes, workflow names, JSON fields); the component falls back to the raw text, and the
    // tests below check the sets that can be enumerated (error codes, outcomes, milestones).
    private static readonly HashSet<string> _openPrefixes = ["Error.", "Outcome.", "Order.", "Milestone.", "Journal."];

    // The handlers behind the task pages' claim, release and complete buttons.
    private static readonly string[] _taskCommandSources = ["ClaimWorkItem.cs", "ReleaseWorkItem.cs", "CompleteWorkItem.cs"];

    [Fact]
    public void ResourceFiles_DutchAndEnglish_HaveTheSameKeysWithValues()
    {
        var missingInEnglish = ResourceFiles.Dutch.Keys.Except(ResourceFiles.English.Keys).Order(StringComparer.Ordinal).ToList();
        var missingInDutch = ResourceFiles.English.Keys.Except(ResourceFiles.Dutch.Keys).Order(StringComparer.Ordinal).ToList();
        var emptyDutch = ResourceFiles.Dutch.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key).ToList();
        var emptyEnglish = ResourceFiles.English.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key).ToList();

        ResourceFiles.Dutch.Count.ShouldBeGreaterThan(100, "the resources were read");
        missingInEnglish.ShouldBeEmpty("keys in SharedResource.resx missing from SharedResource.en.resx");
        missingInDutch.ShouldBeEmpty("keys in SharedResource.en.resx missing from SharedResource.resx");
        emptyDutch.ShouldBeEmpty("keys without a Dutch value");
        emptyEnglish.ShouldBeEmpty("keys without an English value");
    }

    [Fact]
    public void ResourceFiles_EnglishValues_AreTranslatedNotCopiedFromDutch()
    {
        var identical = ResourceFiles.Dutch
            .Where(kv => ResourceFiles.English.TryGetValue(kv.Key, out var en) && en == kv.Value)
            .ToList();
        var untranslated = identical
            .Where(kv => !_sameInBothLanguages.Contains(kv.Value))
            .Select(kv => $"{kv.Key}: {kv.Value}")
            .ToList();

        untranslated.ShouldBeEmpty("English values identical to the Dutch ones (add to the allow-list only if the word is the same in English)");
        (1.0 - ((double)identical.Count / ResourceFiles.Dutch.Count)).ShouldBeGreaterThanOrEqualTo(0.8, "at least 80% of the keys differ between the languages");
    }

    [Fact]
    public void ComponentSources_LiteralKeys_ExistInBothLanguages()
    {
        var used = ResourceFiles.ComponentSources()
            .SelectMany(s => LiteralKey().Matches(s.Text).Select(m => (Key: m.Groups["key"].Value, s.Path)))
            .ToList();

        var missing = used
            .Where(u => !ResourceFiles.Dutch.ContainsKey(u.Key) || !ResourceFiles.English.ContainsKey(u.Key))
            .Select(u => $"{u.Key} ({u.Path})")
            .Distinct()
            .ToList();

        used.Count.ShouldBeGreaterThan(100, "the components were scanned");
        missing.ShouldBeEmpty("keys used as L[\"…\"] that are not in both resource files");
    }

    [Fact]
    public void ComponentSources_DynamicPrefixes_AreAllKnown()
    {
        var prefixes = ResourceFiles.ComponentSources()
            .SelectMany(s => DynamicKey().Matches(s.Text).Select(m => m.Groups["prefix"].Value))
            .ToHashSet(StringComparer.Ordinal);

        prefixes.ShouldContain("FraudType.");
        prefixes.Where(p => !_enumPrefixes.ContainsKey(p) && !_openPrefixes.Contains(p)).ShouldBeEmpty(
            "a new L[\"Prefix.\" + value] needs its enum in _enumPrefixes (or its open set checked) so every value gets a key");
    }

    [Fact]
    public void ComponentSources_LabelledButtonsWithText_NameContainsTheVisibleTextInBothLanguages()
    {
        // WCAG 2.5.3 (label in name; axe's label-content-name-mismatch): a speech-input user says the text they see, so
        // an aria-label that replaces a control's visible text must contain it, in every language.
        var pairs = ResourceFiles.ComponentSources()
            .SelectMany(s => LabelledText().Matches(s.Text).Select(m => (Label: m.Groups["label"].Value, Visible: m.Groups["visible"].Value, s.Path)))
            .Distinct()
            .ToList();

        var mismatches = (from pair in pairs
                          from resources in new[] { ResourceFiles.Dutch, ResourceFiles.English }
                          let label = PlaceholderPattern().Replace(resources[pair.Label], "x")
                          let visible = resources[pair.Visible]
                          where !label.Contains(visible, StringComparison.OrdinalIgnoreCase)
                          select $"{pair.Label} '{label}' lacks {pair.Visible} '{visible}' ({pair.Path})").ToList();

        pairs.Count.ShouldBeGreaterThanOrEqualTo(7, "the components were scanned");
        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public void EnumPrefixes_EveryValue_HasAKeyInBothLanguages()
    {
        var missing = _enumPrefixes
            .SelectMany(p => Enum.GetNames(p.Value).Select(name => p.Key + name))
            .Where(key => !ResourceFiles.Dutch.ContainsKey(key) || !ResourceFiles.English.ContainsKey(key))
            .ToList();

        missing.ShouldBeEmpty("enum values shown through L[\"Prefix.\" + value] without a resource");
    }

    [Fact]
    public void WorkflowDefinitions_OutcomesAndMilestones_HaveKeysInBothLanguages()
    {
        // Outcomes are the task page's buttons, milestones the case file's timeline chips: without a key the user sees
        // the workflow's English identifier ("Investigate", "mule-chain-traced") in the Dutch UI.
        var definitions = Directory.EnumerateFiles(Path.Combine(ResourceFiles.RepositoryRoot, "workflows"), "*.json")
            .Select(f => DefinitionJson.Parse(File.ReadAllText(f), Path.GetFileName(f)))
            .ToList();
        var activities = definitions.SelectMany(d => Flatten(d.Flowchart)).ToList();
        var keys = activities.OfType<HumanTaskActivity>().SelectMany(t => t.Outcomes).Select(o => "Outcome." + o)
            .Concat(activities.OfType<MilestoneActivity>().Select(m => "Milestone." + m.Name))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        definitions.ShouldNotBeEmpty();
        keys.ShouldContain("Outcome.Investigate");
        keys.Where(k => !ResourceFiles.Dutch.ContainsKey(k) || !ResourceFiles.English.ContainsKey(k))
            .ShouldBeEmpty("outcome and milestone names of workflows/*.json without a resource");
    }

    [Fact]
    public void ErrorCodes_OfTheTaskCommandsAndIban_HaveKeysInBothLanguages()
    {
        // The codes a claim, release or completion can answer with (the handlers' own and the work item's rules), and
        // the IBAN rules the bank answer form checks. Without a key the Dutch UI shows the handler's English message.
        var web = ResourceFiles.WebSource;
        var domain = Path.Combine(ResourceFiles.RepositoryRoot, "src", "Domain");
        var sources = _taskCommandSources
            .Select(f => Path.Combine(web, "Features", "WorkItems", f))
            .Append(Path.Combine(domain, "WorkItems", "WorkItem.cs"))
            .Append(Path.Combine(domain, "Common", "Iban.cs"))
            .Select(File.ReadAllText);
        var codes = sources.SelectMany(s => ErrorCode().Matches(s).Select(m => m.Groups["code"].Value))
            .Where(c => c != "work-item.due-past") // raised when the engine creates a task, never to a user
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        codes.ShouldContain("work-item.claimed-by-other");
        codes.ShouldContain("iban.checksum");
        codes.Where(c => !ResourceFiles.Dutch.ContainsKey("Error." + c) || !ResourceFiles.English.ContainsKey("Error." + c))
            .Select(c => "Error." + c)
            .ShouldBeEmpty("error codes the task pages can show without a localized message");
    }

    private static IEnumerable<ActivityDefinition> Flatten(Flowchart flowchart) =>
        flowchart.Activities.SelectMany(a => a is ParallelForEachActivity each ? Flatten(each.Body).Prepend(a) : [a]);

    // L["Key"] or L["Key", arguments…]: a literal key.
    // aria-label="@L["Label", …]" … >@L["Visible"]< up to the end of its tag (across lines): a control whose visible
    // text its label replaces.
    [GeneratedRegex(@"aria-label=""@L\[""(?<label>[^""]+)""[^>]*>@L\[""(?<visible>[^""]+)""\]<")]
    private static partial Regex LabelledText();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\bL\[""(?<key>[^""]+)""\s*[\],]")]
    private static partial Regex LiteralKey();

    // L["Prefix." + value]: a key built from a value.
    [GeneratedRegex(@"\bL\[""(?<prefix>[^""]+)""\s*\+")]
    private static partial Regex DynamicKey();

    // Result.Fail("code", …) and DomainException("code", …).
    [GeneratedRegex(@"(?:Result\.Fail|DomainException)\(\s*""(?<code>[a-z0-9.\-]+)""")]
    private static partial Regex ErrorCode();
}
