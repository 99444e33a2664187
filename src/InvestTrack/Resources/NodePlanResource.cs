namespace InvestTrack.Resources;

/// <summary>Strings of node plans (节点计划); NodePlanResource.resx is Chinese, .en.resx English.</summary>
public sealed class NodePlanResource;
