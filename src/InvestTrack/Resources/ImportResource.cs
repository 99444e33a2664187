namespace InvestTrack.Resources;

/// <summary>Marker for the import page's UI strings (ImportResource.resx in Chinese, ImportResource.en.resx in English).</summary>
public sealed class ImportResource;
