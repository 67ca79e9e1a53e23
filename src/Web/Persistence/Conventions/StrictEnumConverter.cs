using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coordination.Web.Persistence.Conventions;

/// <summary>
/// Stores an enum by name and refuses, with a message that says what and where, a stored name this version does not
/// know (a row written by a newer version or edited by hand) instead of EF's generic parse error.
/// </summary>
internal sealed class StrictEnumConverter<TEnum> : ValueConverter<TEnum, string>
    where TEnum : struct, Enum
{
    public StrictEnumConverter()
        : base(value => value.ToString(), stored => Parse(stored))
    {
    }

    private static TEnum Parse(string stored) =>
        Enum.TryParse<TEnum>(stored, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new StoredDataException(
                $"The database holds '{stored}' as a {typeof(TEnum).Name}, which this version of Coordination does not know. " +
                $"Known values: {string.Join(", ", Enum.GetNames<TEnum>())}. The row was written by a newer version or changed by hand.");
}

/// <summary>Stored data that this version cannot read; the message names the value and the type.</summary>
public sealed class StoredDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoredDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoredDataException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoredDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
