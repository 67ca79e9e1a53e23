namespace Coordination.Web.Resources;

/// <summary>Marker for the shared user-interface strings (SharedResource.resx is Dutch, SharedResource.en.resx English).</summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>; it must be instantiable as a type argument only.
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
