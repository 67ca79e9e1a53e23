namespace Coordination.Domain.Common;

/// <summary>Small checks shared by the aggregates; each failure is a <see cref="DomainException"/>.</summary>
internal static class Guard
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException("field.required", $"{field} is required.", field);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainException(
                "field.too-long", $"{field} may be at most {maxLength} characters (it has {trimmed.Length}).", field, maxLength, trimmed.Length);
        }

        return trimmed;
    }

    public static string? Optional(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Required(value, field, maxLength);

    public static TEnum Defined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new DomainException("field.unknown-value", $"{field} has an unknown value '{value}'.", field, value.ToString());
        }

        return value;
    }
}
