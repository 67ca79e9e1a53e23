using System.Text.RegularExpressions;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;

namespace Coordination.Domain.Reports;

/// <summary>The kind of lead a report mentions; the keys on which reports are linked across cases.</summary>
public enum IdentifierKind
{
    /// <summary>An IBAN the victim paid to or was asked to pay to.</summary>
    Iban,

    /// <summary>A phone number used by the fraudster.</summary>
    PhoneNumber,

    /// <summary>A URL (advertisement, fake shop, phishing site).</summary>
    Url,
}

/// <summary>A lead from a report in normalized form, so equal leads compare equal across reports.</summary>
public sealed record ReportIdentifier(IdentifierKind Kind, string Value)
{
    /// <summary>Maximum length of <see cref="Value"/>.</summary>
    public const int ValueMaxLength = 400;
}

/// <summary>
/// A report of a fraud by a victim (an aangifte, a Fraudehelpdesk referral, a bank's report): what happened, the
/// damage, and the leads (IBANs, phone numbers, URLs) on which it is linked to other reports.
/// </summary>
public sealed partial class Report : AggregateRoot<ReportId>
{
    /// <summary>Maximum length of <see cref="Description"/>.</summary>
    public const int DescriptionMaxLength = 4000;

    /// <summary>Maximum length of reporter names.</summary>
    public const int NameMaxLength = 200;

    /// <summary>Maximum length of an e-mail address.</summary>
    public const int EmailMaxLength = 254;

    private readonly List<ReportIdentifier> _identifiers = [];

    private Report() { } // EF

    /// <summary>The channel it came through.</summary>
    public ReportChannel Channel { get; private set; }

    /// <summary>Modus operandi as reported.</summary>
    public FraudType FraudType { get; private set; }

    /// <summary>Name of the reporting person (usually the victim).</summary>
    public string ReporterName { get; private set; } = null!;

    /// <summary>E-mail address of the reporting person, if given.</summary>
    public string? ReporterEmail { get; private set; }

    /// <summary>The victim's own account, if given.</summary>
    public Iban? VictimIban { get; private set; }

    /// <summary>What happened, in the reporter's words.</summary>
    public string Description { get; private set; } = null!;

    /// <summary>Damage as reported.</summary>
    public Money Damage { get; private set; }

    /// <summary>When the fraud happened.</summary>
    public DateOnly IncidentDate { get; private set; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset ReportedAt { get; private set; }

    /// <summary>The case it is linked to; null until linked.</summary>
    public CaseId? CaseId { get; private set; }

    /// <summary>Leads mentioned in the report.</summary>
    public IReadOnlyList<ReportIdentifier> Identifiers => _identifiers;

    /// <summary>The IBANs among the leads.</summary>
    public IEnumerable<Iban> Ibans => _identifiers.Where(i => i.Kind == IdentifierKind.Iban).Select(i => Iban.Parse(i.Value));

    /// <summary>Registers a report.</summary>
    /// <exception cref="DomainException">A required field is missing, or a date is in the future or out of order.</exception>
    public static Report Submit(
        ReportChannel channel,
        FraudType fraudType,
        string reporterName,
        string? reporterEmail,
        string description,
        Money damage,
        DateOnly incidentDate,
        DateTimeOffset reportedAt,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        if (reportedAt > now.AddMinutes(5))
        {
            throw new DomainException(
                "report.date-future", $"The report date {reportedAt:yyyy-MM-dd HH:mm} is in the future.", reportedAt);
        }

        if (incidentDate > DateOnly.FromDateTime(reportedAt.UtcDateTime.AddDays(1)))
        {
            throw new DomainException(
                "report.incident-after-report", $"The incident date {incidentDate:yyyy-MM-dd} is after the report date {reportedAt:yyyy-MM-dd}.", incidentDate, reportedAt);
        }

        var email = Guard.Optional(reporterEmail, "E-mail", EmailMaxLength);
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            throw new DomainException("report.email", $"'{email}' is not an e-mail address.", email);
        }

        return new Report
        {
            Channel = Guard.Defined(channel, "Channel"),
            FraudType = Guard.Defined(fraudType, "Fraud type"),
            ReporterName = Guard.Required(reporterName, "Reporter name", NameMaxLength),
            ReporterEmail = email,
            Description = Guard.Required(description, "Description", DescriptionMaxLength),
            Damage = damage,
            IncidentDate = incidentDate,
            ReportedAt = reportedAt.ToUniversalTime(),
        };
    }

    /// <summary>Records the victim's own account.</summary>
    public void SetVictimIban(Iban iban) => VictimIban = iban ?? throw new ArgumentNullException(nameof(iban));

    /// <summary>Adds an IBAN lead.</summary>
    public void AddIban(Iban iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        Add(new ReportIdentifier(IdentifierKind.Iban, iban.Value));
    }

    /// <summary>Adds a phone number lead, normalized to international form (+31…).</summary>
    public void AddPhoneNumber(string phoneNumber) => Add(new ReportIdentifier(IdentifierKind.PhoneNumber, NormalizePhone(phoneNumber)));

    /// <summary>Adds a URL lead (scheme, host in lower case, no trailing slash).</summary>
    public void AddUrl(string url) => Add(new ReportIdentifier(IdentifierKind.Url, NormalizeUrl(url)));

    /// <summary>Links the report to a case; a report belongs to one case.</summary>
    internal void LinkTo(CaseId caseId)
    {
        if (CaseId is { } current && current != caseId)
        {
            throw new DomainException("report.already-linked", "This report is already linked to another case.");
        }

        CaseId = caseId;
    }

    /// <summary>Normalizes a Dutch or international phone number to +digits.</summary>
    public static string NormalizePhone(string? phoneNumber)
    {
        // "+31 (0)6 …" is a common way to write a number; the trunk zero in brackets is not dialled after a country code.
        var text = (phoneNumber ?? string.Empty).Replace("(0)", string.Empty, StringComparison.Ordinal);
        var digits = new string(text.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        var normalized = digits switch
        {
            _ when digits.StartsWith('+') => digits,
            _ when digits.StartsWith("00", StringComparison.Ordinal) => "+" + digits[2..],
            _ when digits.StartsWith('0') => "+31" + digits[1..],
            _ => digits,
        };

        // No Dutch number starts with 0 after +31, so "+31 06 …" is the same number as "+31 6 …".
        if (normalized.StartsWith("+310", StringComparison.Ordinal))
        {
            normalized = "+31" + normalized[4..];
        }

        if (normalized.Length < 9 || normalized.Length > 16 || !normalized.StartsWith('+') || normalized.LastIndexOf('+') != 0
            || (phoneNumber ?? string.Empty).Any(c => char.IsAsciiLetter(c)))
        {
            throw new DomainException("report.phone", $"'{phoneNumber}' is not a phone number; use a form like 06 12345678 or +31 6 12345678.", phoneNumber);
        }

        return normalized;
    }

    /// <summary>Normalizes a URL so equal addresses compare equal.</summary>
    public static string NormalizeUrl(string? url)
    {
        var text = (url ?? string.Empty).Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !uri.Host.Contains('.', StringComparison.Ordinal))
        {
            throw new DomainException("report.url", $"'{url}' is not a web address.", url);
        }

        // Authority keeps a non-default port: shop.example.nl:8080 is another site than shop.example.nl.
        var normalized = $"{uri.Scheme}://{uri.Authority.ToLowerInvariant()}{uri.PathAndQuery.TrimEnd('/')}";
        return normalized.Length <= ReportIdentifier.ValueMaxLength
            ? normalized
            : throw new DomainException("report.url-long", $"A web address may be at most {ReportIdentifier.ValueMaxLength} characters.", ReportIdentifier.ValueMaxLength);
    }

    private void Add(ReportIdentifier identifier)
    {
        if (!_identifiers.Contains(identifier))
        {
            _identifiers.Add(identifier);
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailPattern();
}
