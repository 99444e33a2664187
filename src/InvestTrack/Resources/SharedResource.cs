namespace InvestTrack.Resources;

/// <summary>Marker for the shared UI strings (SharedResource.resx in Chinese, SharedResource.en.resx in English).</summary>
public sealed class SharedResource;
