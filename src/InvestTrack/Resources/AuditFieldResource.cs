namespace InvestTrack.Resources;

/// <summary>Marker for the names of audited fields (AuditFieldResource.resx in Chinese, .en.resx in English), keyed by property name.</summary>
public sealed class AuditFieldResource;
