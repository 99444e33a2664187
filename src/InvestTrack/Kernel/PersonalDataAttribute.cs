namespace InvestTrack.Kernel;

/// <summary>
/// Marks a string property of an entity as personal data (docs/security.md 22): the entity holds it in clear, the
/// database only sealed (Data/PersonalDataSealing.cs). <see cref="HashProperty"/> names the property beside it that
/// keeps the keyed hash a search matches (phones).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute
{
    public string? HashProperty { get; init; }
}
