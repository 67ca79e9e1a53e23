using Coordination.Domain.Agencies;
using Coordination.Domain.Common;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Agencies;

public sealed class AgencyTests
{
    private readonly Agency _police = Agency.Create("POL-RDAM-CYBER", "Team Cybercrime Rotterdam", AgencyKind.Police);
    private readonly Agency _om = Agency.Create("OM-ARR-RDAM", "Parket Rotterdam", AgencyKind.ProsecutionService);
    private readonly Agency _halt = Agency.Create("HALT-RDAM", "Halt Rotterdam", AgencyKind.Halt);
    private readonly Agency _abn = Agency.CreateBank("BANK-ABN", "ABN AMRO", "ABNA");

    [Fact]
    public void Create_PoliceUnit_NormalizesCodeAndName()
    {
        var agency = Agency.Create(" pol-on-cyber ", "  Team Cyber Oost-Nederland ", AgencyKind.Police);

        agency.Code.ShouldBe("POL-ON-CYBER");
        agency.Name.ShouldBe("Team Cyber Oost-Nederland");
        agency.Kind.ShouldBe(AgencyKind.Police);
        agency.BankCode.ShouldBeNull();
    }

    [Fact]
    public void Create_Bank_ThrowsBankNeedsCode()
    {
        ShouldFailWith(() => Agency.Create("BANK-X", "Bank X", AgencyKind.Bank), "agency.bank-needs-code")
            .Message.ShouldContain("registered with its bank code");
    }

    [Theory]
    [InlineData("POL ON")]
    [InlineData("-POL")]
    [InlineData("POL_ON")]
    [InlineData("POLITIE.NL")]
    public void Create_CodeWithOtherCharacters_ThrowsCode(string code)
    {
        var exception = ShouldFailWith(() => Agency.Create(code, "Some unit", AgencyKind.Police), "agency.code");

        exception.Message.ShouldContain("letters, digits and dashes only");
    }

    [Fact]
    public void Create_CodeTooLong_ThrowsTooLong()
    {
        ShouldFailWith(() => Agency.Create(new string('A', Agency.CodeMaxLength + 1), "Unit", AgencyKind.Police), "field.too-long");
    }

    [Fact]
    public void Create_NoName_ThrowsRequired()
    {
        ShouldFailWith(() => Agency.Create("POL-1", " ", AgencyKind.Police), "field.required").Message.ShouldBe("Name is required.");
    }

    [Theory]
    [InlineData("ABNA", "ABNA")]
    [InlineData("ingb", "INGB")]
    [InlineData(" Rabo ", "RABO")]
    public void CreateBank_FourLetterCode_StoresItInUpperCase(string bankCode, string expected)
    {
        var bank = Agency.CreateBank("BANK-1", "Bank", bankCode);

        bank.Kind.ShouldBe(AgencyKind.Bank);
        bank.BankCode.ShouldBe(expected);
    }

    [Theory]
    [InlineData("ABN")]
    [InlineData("ABNAB")]
    [InlineData("AB1A")]
    [InlineData("AB A")]
    [InlineData("ÄBNA")]
    [InlineData("")]
    [InlineData(null)]
    public void CreateBank_CodeNotFourLetters_ThrowsBankCode(string? bankCode)
    {
        var exception = ShouldFailWith(() => Agency.CreateBank("BANK-1", "Bank", bankCode!), "agency.bank-code");

        exception.Message.ShouldBe($"A bank code is four letters, as in the IBAN NL91 ABNA …; '{bankCode}' is not.");
    }

    [Fact]
    public void ChangeBankCode_Bank_ChangesTheCode()
    {
        _abn.ChangeBankCode("fvlb");

        _abn.BankCode.ShouldBe("FVLB");
    }

    [Fact]
    public void ChangeBankCode_NotABank_ThrowsNotABank()
    {
        var exception = ShouldFailWith(() => _police.ChangeBankCode("ABNA"), "agency.not-a-bank");

        exception.Message.ShouldBe("Team Cybercrime Rotterdam is not a bank and has no bank code.");
        _police.BankCode.ShouldBeNull();
    }

    [Fact]
    public void ChangeBankCode_Invalid_ThrowsAndKeepsTheOldCode()
    {
        ShouldFailWith(() => _abn.ChangeBankCode("AB"), "agency.bank-code");

        _abn.BankCode.ShouldBe("ABNA");
    }

    [Fact]
    public void Rename_NewName_IsTrimmed()
    {
        _police.Rename("  Team Cybercrime Rijnmond ");

        _police.Name.ShouldBe("Team Cybercrime Rijnmond");
    }

    [Fact]
    public void AgencyUserCreate_RolesThatFit_CreatesActiveUser()
    {
        var user = AgencyUser.Create(
            " Pieter.Intake@Politie.NL ", " Pieter Intake ", _police, Role.PoliceIntakeOfficer, Role.PoliceInvestigator);

        user.UserName.ShouldBe("pieter.intake@politie.nl");
        user.DisplayName.ShouldBe("Pieter Intake");
        user.AgencyId.ShouldBe(_police.Id);
        user.IsActive.ShouldBeTrue();
        user.Roles.Select(r => r.Role).ShouldBe([Role.PoliceIntakeOfficer, Role.PoliceInvestigator]);
        user.Holds(Role.PoliceInvestigator).ShouldBeTrue();
        user.Holds(Role.PoliceTeamLead).ShouldBeFalse();
    }

    [Fact]
    public void AgencyUserCreate_NoRoles_ThrowsNoRole()
    {
        ShouldFailWith(() => AgencyUser.Create("p@politie.nl", "P", _police), "user.no-role")
            .Message.ShouldBe("A user needs at least one role.");
    }

    [Fact]
    public void AgencyUserCreate_BankRoleAtPolice_ThrowsRoleAgency()
    {
        var exception = ShouldFailWith(
            () => AgencyUser.Create("p@politie.nl", "P", _police, Role.BankFraudOfficer), "user.role-agency");

        exception.Message.ShouldBe("The role BankFraudOfficer does not exist at a Police agency.");
    }

    [Theory]
    [InlineData(Role.PoliceInvestigator, AgencyKind.ProsecutionService)]
    [InlineData(Role.Prosecutor, AgencyKind.Police)]
    [InlineData(Role.ProsecutionClerk, AgencyKind.Bank)]
    [InlineData(Role.HaltOfficer, AgencyKind.Police)]
    [InlineData(Role.BankTeamLead, AgencyKind.Halt)]
    public void AgencyUserCreate_RoleOfAnotherKindOfAgency_ThrowsRoleAgency(Role role, AgencyKind kind)
    {
        var agency = AgencyOf(kind);

        ShouldFailWith(() => AgencyUser.Create("someone", "Someone", agency, role), "user.role-agency")
            .Message.ShouldContain($"at a {kind} agency");
    }

    [Fact]
    public void AgencyUserCreate_UnknownRole_ThrowsUnknownValue()
    {
        ShouldFailWith(() => AgencyUser.Create("someone", "Someone", _police, (Role)123), "field.unknown-value");
    }

    [Theory]
    [InlineData(Role.PoliceIntakeOfficer, AgencyKind.Police, true)]
    [InlineData(Role.PoliceInvestigator, AgencyKind.Police, true)]
    [InlineData(Role.PoliceTeamLead, AgencyKind.Police, true)]
    [InlineData(Role.PoliceTeamLead, AgencyKind.Bank, false)]
    [InlineData(Role.BankFraudOfficer, AgencyKind.Bank, true)]
    [InlineData(Role.BankFraudOfficer, AgencyKind.Police, false)]
    [InlineData(Role.BankTeamLead, AgencyKind.Bank, true)]
    [InlineData(Role.Prosecutor, AgencyKind.ProsecutionService, true)]
    [InlineData(Role.Prosecutor, AgencyKind.Halt, false)]
    [InlineData(Role.ProsecutionClerk, AgencyKind.ProsecutionService, true)]
    [InlineData(Role.HaltOfficer, AgencyKind.Halt, true)]
    [InlineData(Role.HaltOfficer, AgencyKind.ProsecutionService, false)]
    [InlineData(Role.Administrator, AgencyKind.Police, true)]
    [InlineData(Role.Administrator, AgencyKind.Bank, true)]
    [InlineData(Role.Auditor, AgencyKind.ProsecutionService, true)]
    [InlineData(Role.Auditor, AgencyKind.Halt, true)]
    [InlineData((Role)123, AgencyKind.Police, false)]
    public void RoleRulesFits_RoleAndKind_IsWhetherTheRoleExistsThere(Role role, AgencyKind kind, bool expected)
    {
        RoleRules.Fits(role, kind).ShouldBe(expected);
    }

    [Theory]
    [InlineData(AgencyKind.Police)]
    [InlineData(AgencyKind.ProsecutionService)]
    [InlineData(AgencyKind.Bank)]
    [InlineData(AgencyKind.Halt)]
    public void AgencyUserCreate_AdministratorAndAuditor_FitEveryAgency(AgencyKind kind)
    {
        var user = AgencyUser.Create("admin", "Admin", AgencyOf(kind), Role.Administrator, Role.Auditor);

        user.Roles.Count.ShouldBe(2);
    }

    [Fact]
    public void Grant_AnotherAgency_ThrowsOtherAgency()
    {
        var user = AgencyUser.Create("p", "Pieter", _police, Role.PoliceIntakeOfficer);
        var otherPolice = Agency.Create("POL-2", "Team Cyber Den Haag", AgencyKind.Police);

        var exception = ShouldFailWith(() => user.Grant(Role.PoliceInvestigator, otherPolice), "user.other-agency");

        exception.Message.ShouldBe("Pieter works for another agency than Team Cyber Den Haag.");
        user.Holds(Role.PoliceInvestigator).ShouldBeFalse();
    }

    [Fact]
    public void Grant_RoleAlreadyHeld_IsIgnored()
    {
        var user = AgencyUser.Create("p", "Pieter", _police, Role.PoliceIntakeOfficer, Role.PoliceIntakeOfficer);

        user.Grant(Role.PoliceIntakeOfficer, _police);

        user.Roles.ShouldBe([new RoleAssignment(Role.PoliceIntakeOfficer)]);
    }

    [Fact]
    public void Revoke_LastRole_ThrowsLastRole()
    {
        var user = AgencyUser.Create("p", "Pieter", _police, Role.PoliceIntakeOfficer);

        var exception = ShouldFailWith(() => user.Revoke(Role.PoliceIntakeOfficer), "user.last-role");

        exception.Message.ShouldContain("deactivate the user instead");
        user.Holds(Role.PoliceIntakeOfficer).ShouldBeTrue();
    }

    [Fact]
    public void Revoke_OneOfTwoRoles_RemovesIt()
    {
        var user = AgencyUser.Create("p", "Pieter", _police, Role.PoliceIntakeOfficer, Role.PoliceTeamLead);

        user.Revoke(Role.PoliceTeamLead);

        user.Roles.ShouldBe([new RoleAssignment(Role.PoliceIntakeOfficer)]);
        ShouldFailWith(() => user.Revoke(Role.PoliceIntakeOfficer), "user.last-role");
    }

    [Fact]
    public void Revoke_RoleNotHeld_ChangesNothing()
    {
        var user = AgencyUser.Create("p", "Pieter", _police, Role.PoliceIntakeOfficer);

        user.Revoke(Role.PoliceTeamLead);

        user.Roles.ShouldBe([new RoleAssignment(Role.PoliceIntakeOfficer)]);
    }

    [Fact]
    public void Deactivate_User_IsInactiveAndKeepsRoles()
    {
        var user = AgencyUser.Create("p", "Pieter", _police, Role.PoliceIntakeOfficer);

        user.Deactivate();

        user.IsActive.ShouldBeFalse();
        user.Holds(Role.PoliceIntakeOfficer).ShouldBeTrue();
    }

    [Fact]
    public void BankDirectoryFrom_Agencies_MapsBankCodesToBanks()
    {
        var ing = Agency.CreateBank("BANK-ING", "ING", "INGB");

        var directory = BankDirectory.From([_police, _om, _abn, ing, _halt]);

        directory.BankOf(Iban.Parse("NL91ABNA0417164300")).ShouldBe(_abn.Id);
        directory.BankOf(Nl(5, "INGB")).ShouldBe(ing.Id);
    }

    [Fact]
    public void BankOf_UnknownDutchBankCode_IsNull()
    {
        var directory = BankDirectory.From([_abn]);

        directory.BankOf(Nl(5, "RABO")).ShouldBeNull();
    }

    [Theory]
    [InlineData("BE68539007547034")]
    [InlineData("DE89370400440532013000")]
    public void BankOf_ForeignIban_IsNull(string iban)
    {
        // A foreign BBAN can contain the same letters as a Dutch bank code; only a Dutch IBAN is routed.
        var directory = new BankDirectory([("ABNA", _abn.Id), ("WEST", AgencyId.From(Guid.NewGuid()))]);

        directory.BankOf(Iban.Parse(iban)).ShouldBeNull();
        directory.BankOf(Iban.Parse("GB82WEST12345698765432")).ShouldBeNull();
    }

    [Fact]
    public void BankDirectory_SameCodeTwice_ThrowsDuplicate()
    {
        var exception = ShouldFailWith(
            () => _ = new BankDirectory([("ABNA", _abn.Id), ("abna", AgencyId.From(Guid.NewGuid()))]), "bank-directory.duplicate");

        exception.Message.ShouldBe("Bank code abna is registered to two banks.");
    }

    [Fact]
    public void BankDirectoryFrom_AfterBankCodeChange_UsesTheNewCode()
    {
        _abn.ChangeBankCode("FVLB");

        var directory = BankDirectory.From([_abn]);

        directory.BankOf(Nl(1, "FVLB")).ShouldBe(_abn.Id);
        directory.BankOf(Nl(1, "ABNA")).ShouldBeNull();
    }

    private Agency AgencyOf(AgencyKind kind) => kind switch
    {
        AgencyKind.Police => _police,
        AgencyKind.ProsecutionService => _om,
        AgencyKind.Bank => _abn,
        _ => _halt,
    };
}
