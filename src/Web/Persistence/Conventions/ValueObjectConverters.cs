using Coordination.Domain.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coordination.Web.Persistence.Conventions;

/// <summary>Stores an IBAN in its electronic form.</summary>
internal sealed class IbanConverter() : ValueConverter<Iban, string>(iban => iban.Value, text => Iban.Parse(text));

/// <summary>Stores a case number as text (OF-2026-000123), which sorts correctly.</summary>
internal sealed class CaseNumberConverter() : ValueConverter<CaseNumber, string>(number => number.Value, text => CaseNumber.Parse(text));

/// <summary>
/// Stores money as whole cents in a 64-bit integer: exact, and comparable and summable in SQL on SQLite too, which
/// has no decimal type.
/// </summary>
internal sealed class MoneyCentsConverter() : ValueConverter<Money, long>(money => (long)(money.Amount * 100m), cents => Money.Eur(cents / 100m));

/// <summary>
/// Keeps every timestamp in UTC. SQLite gets UTC ticks (sortable and comparable in SQL, which SQLite's text form of a
/// DateTimeOffset is not); PostgreSQL's timestamptz accepts only offset zero.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

/// <summary>Normalizes to UTC for PostgreSQL's timestamptz.</summary>
internal sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(value => value.ToUniversalTime(), value => value.ToUniversalTime());
