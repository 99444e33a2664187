namespace InvestTrack.Resources;

/// <summary>Strings of 考核 schemes and rankings; AssessmentResource.resx is Chinese, .en.resx English.</summary>
public sealed class AssessmentResource;
