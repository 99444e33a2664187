namespace InvestTrack.Resources;

/// <summary>Marker for the audit trail's UI strings (AuditResource.resx in Chinese, AuditResource.en.resx in English).</summary>
public sealed class AuditResource;
