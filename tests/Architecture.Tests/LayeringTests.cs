using System.Reflection;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Workflow.Definitions;
using NetArchTest.Rules;
using Shouldly;
using Xunit;

namespace Coordination.Architecture.Tests;

/// <summary>The dependency rules of architecture.md: Web → Domain, Web → Workflow, and nothing else.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly _domain = typeof(Iban).Assembly;
    private static readonly Assembly _workflow = typeof(IsoDuration).Assembly;
    private static readonly Assembly _web = typeof(CoordinationDbContext).Assembly;

    public static TheoryData<string, string> ForbiddenDependencies => new()
    {
        { "Coordination.Domain", "Coordination.Workflow" },
        { "Coordination.Domain", "Coordination.Web" },
        { "Coordination.Domain", "Microsoft.EntityFrameworkCore" },
        { "Coordination.Domain", "Microsoft.AspNetCore" },
        { "Coordination.Domain", "Hangfire" },
        { "Coordination.Workflow", "Coordination.Domain" },
        { "Coordination.Workflow", "Coordination.Web" },
        { "Coordination.Workflow", "Microsoft.EntityFrameworkCore" },
        { "Coordination.Workflow", "Microsoft.AspNetCore" },
        { "Coordination.Workflow", "Hangfire" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenDependencies))]
    public void Types_InCoreProject_DoNotDependOnForbiddenNamespace(string project, string forbidden)
    {
        var assembly = project == "Coordination.Domain" ? _domain : _workflow;

        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn(forbidden).GetResult();

        result.IsSuccessful.ShouldBeTrue($"{project} depends on {forbidden}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(ForbiddenDependencies))]
    public void Assembly_CoreProject_DoesNotReferenceForbiddenAssembly(string project, string forbidden)
    {
        var assembly = project == "Coordination.Domain" ? _domain : _workflow;

        var references = assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        references.ShouldNotContain(name => name.StartsWith(forbidden, StringComparison.Ordinal));
    }

    [Fact]
    public void Types_WebComponents_DoNotUseTheDbContext()
    {
        var result = Types.InAssembly(_web)
            .That().ResideInNamespace("Coordination.Web.Components")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Coordination.Web.Persistence")
            .GetResult();

        result.IsSuccessful.ShouldBeTrue($"components must go through IMediator: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Types_Handlers_AreNotPublic()
    {
        var result = Types.InAssembly(_web)
            .That().HaveNameEndingWith("Handler", StringComparison.Ordinal)
            .ShouldNot().BePublic()
            .GetResult();

        result.IsSuccessful.ShouldBeTrue($"handlers are internal: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Types_DomainAggregates_HaveNoPublicSetters()
    {
        var offenders = _domain.GetTypes()
            .Where(t => t.IsClass && t.Namespace?.StartsWith("Coordination.Domain", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();

        offenders.ShouldBeEmpty();
    }
}
