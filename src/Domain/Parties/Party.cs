using Coordination.Domain.Cases;
using Coordination.Domain.Common;

namespace Coordination.Domain.Parties;

/// <summary>Identifies a <see cref="Party"/>.</summary>
public readonly record struct PartyId(Guid Value) : ITypedId<PartyId>
{
    /// <inheritdoc />
    public static PartyId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>The part a person plays in a case.</summary>
public enum PartyRole
{
    /// <summary>Victim (slachtoffer), possibly the injured party.</summary>
    Victim,

    /// <summary>Suspect (verdachte) whose part is not yet known.</summary>
    Suspect,

    /// <summary>A suspect who lent their account (geldezel).</summary>
    MoneyMule,

    /// <summary>A suspect who recruited mules (ronselaar).</summary>
    Recruiter,
}

/// <summary>
/// A person in a case. For suspects the date of birth and the offence date give the age at the offence, which decides
/// the youth route (Halt, Hack_Right, Child Protection Board).
/// </summary>
public sealed class Party : AggregateRoot<PartyId>
{
    /// <summary>Maximum length of <see cref="FullName"/>.</summary>
    public const int NameMaxLength = 200;

    /// <summary>Age from which a person is an adult under criminal law.</summary>
    public const int AdultAge = 18;

    /// <summary>Age below which no criminal prosecution is possible.</summary>
    public const int CriminalResponsibilityAge = 12;

    private Party() { } // EF

    /// <summary>The case the person belongs to.</summary>
    public CaseId CaseId { get; private set; }

    /// <summary>Part played.</summary>
    public PartyRole Role { get; private set; }

    /// <summary>Full name.</summary>
    public string FullName { get; private set; } = null!;

    /// <summary>Date of birth, when known.</summary>
    public DateOnly? DateOfBirth { get; private set; }

    /// <summary>For suspects: the date of the offence they are suspected of.</summary>
    public DateOnly? OffenceDate { get; private set; }

    /// <summary>For victims: marked vulnerable (weighs in triage).</summary>
    public bool IsVulnerable { get; private set; }

    /// <summary>True for suspects, mules and recruiters.</summary>
    public bool IsSuspect => Role != PartyRole.Victim;

    /// <summary>Age in whole years at the offence date; null when a date is unknown.</summary>
    public int? AgeAtOffence => DateOfBirth is { } born && OffenceDate is { } offence ? AgeOn(born, offence) : null;

    /// <summary>True when the suspect was under 18 at the offence (youth route).</summary>
    public bool IsMinorAtOffence => AgeAtOffence is < AdultAge;

    /// <summary>Registers a victim.</summary>
    public static Party Victim(CaseId caseId, string fullName, DateOnly? dateOfBirth, bool isVulnerable, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (dateOfBirth is { } born && born > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            throw new DomainException("party.born-in-future", $"A date of birth ({born:yyyy-MM-dd}) cannot be in the future.", born);
        }

        return new Party
        {
            CaseId = caseId,
            Role = PartyRole.Victim,
            FullName = Guard.Required(fullName, "Name", NameMaxLength),
            DateOfBirth = dateOfBirth,
            IsVulnerable = isVulnerable,
        };
    }

    /// <summary>Registers a suspect (or mule, or recruiter) with the date of the offence.</summary>
    /// <exception cref="DomainException">Born after the offence, offence in the future, or the role is Victim.</exception>
    public static Party Suspect(CaseId caseId, PartyRole role, string fullName, DateOnly? dateOfBirth, DateOnly offenceDate, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Guard.Defined(role, "Role") == PartyRole.Victim)
        {
            throw new DomainException("party.suspect-role", "A suspect's role is suspect, money mule or recruiter.");
        }

        if (offenceDate > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            throw new DomainException("party.offence-future", $"The offence date {offenceDate:yyyy-MM-dd} is in the future.", offenceDate);
        }

        if (dateOfBirth is { } born && born > offenceDate)
        {
            throw new DomainException(
                "party.born-after-offence",
                $"The date of birth {born:yyyy-MM-dd} is after the offence date {offenceDate:yyyy-MM-dd}; check both dates.",
                born,
                offenceDate);
        }

        return new Party
        {
            CaseId = caseId,
            Role = role,
            FullName = Guard.Required(fullName, "Name", NameMaxLength),
            DateOfBirth = dateOfBirth,
            OffenceDate = offenceDate,
        };
    }

    /// <summary>Changes a suspect's part once the investigation knows more.</summary>
    public void Reclassify(PartyRole role)
    {
        if (!IsSuspect || Guard.Defined(role, "Role") == PartyRole.Victim)
        {
            throw new DomainException("party.reclassify", "Only a suspect can be reclassified, and only as another kind of suspect.");
        }

        Role = role;
    }

    /// <summary>Whole years between a birth date and a date (birthday on 29 February counts on 28 February).</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly date)
    {
        var age = date.Year - dateOfBirth.Year;
        if (date < dateOfBirth.AddYears(age))
        {
            age--;
        }

        return age;
    }
}
