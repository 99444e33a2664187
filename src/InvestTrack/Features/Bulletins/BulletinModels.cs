namespace InvestTrack.Features.Bulletins;

/// <summary>A bulletin in the list: its number once published, its period and who generated and published it.</summary>
public sealed record BulletinSummary(
    int Year, int Month, BulletinState State, string? Number, string Title, DateTimeOffset GeneratedAt, string GeneratedBy,
    DateTimeOffset? PublishedAt, string? PublishedBy, int Version);

/// <summary>A bulletin with its content, as the preview shows it.</summary>
public sealed record BulletinView(BulletinSummary Summary, BulletinContent Content);

/// <summary>The editor's preface (编者按) of a draft; empty removes it. <see cref="Version"/>: the draft's version read.</summary>
public sealed record BulletinPrefaceForm(string? Preface, int Version);

/// <summary>Publishes the draft as read at <see cref="Version"/>.</summary>
public sealed record BulletinPublishForm(int Version);

public enum BulletinError { None, BadPeriod, NotFound, Forbidden }

/// <summary>A document to download: its bytes and names.</summary>
public sealed record BulletinDownload(byte[] Content, string ContentType, string FileName, string AsciiFileName);
