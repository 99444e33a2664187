using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InvestTrack.Data;

/// <summary>Stores every DateTimeOffset in UTC, so ordering and comparison are right on every provider.</summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(), v => v.ToUniversalTime());
