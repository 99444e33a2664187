namespace InvestTrack.Features.Imports;

/// <summary>The columns of each sheet, exactly as docs/import-format.md names them.</summary>
public static class LedgerColumns
{
    public static class Projects
    {
        public static readonly ColumnSpec Code = new("项目编号", "code", true);
        public static readonly ColumnSpec Name = new("项目名称", "name", true);
        public static readonly ColumnSpec Investor = new("投资方", "investor", true);
        public static readonly ColumnSpec CreditCode = new("统一社会信用代码", "credit_code", false);
        public static readonly ColumnSpec InvestorOrigin = new("投资方所在地", "investor_origin", true);
        public static readonly ColumnSpec Unit = new("所属单位", "unit", true);
        public static readonly ColumnSpec Industry = new("产业", "industry", false);
        public static readonly ColumnSpec PlannedInvestment = new("计划总投资(万元)", "planned_investment", true);
        public static readonly ColumnSpec ContractedInvestment = new("合同引资额(万元)", "contracted_investment", false);
        public static readonly ColumnSpec SigningKind = new("签约类型", "signing_kind", false);
        public static readonly ColumnSpec SignedOn = new("签约日期", "signed_on", false);
        public static readonly ColumnSpec StartedOn = new("开工日期", "started_on", false);
        public static readonly ColumnSpec InProductionOn = new("投产日期", "in_production_on", false);
        public static readonly ColumnSpec Status = new("状态", "status", false);
        public static readonly ColumnSpec LeadSource = new("线索来源", "lead_source", false);

        public static IReadOnlyList<ColumnSpec> All { get; } =
        [
            Code, Name, Investor, CreditCode, InvestorOrigin, Unit, Industry, PlannedInvestment, ContractedInvestment,
            SigningKind, SignedOn, StartedOn, InProductionOn, Status, LeadSource,
        ];
    }

    public static class Funds
    {
        public static readonly ColumnSpec ProjectCode = new("项目编号", "code", true);
        public static readonly ColumnSpec Month = new("月份", "month", true);
        public static readonly ColumnSpec Amount = new("到位资金(万元)", "amount", true);
        public static readonly ColumnSpec Source = new("资金来源", "source", false);
        public static readonly ColumnSpec AuditStatus = new("审核状态", "audit_status", false);

        public static IReadOnlyList<ColumnSpec> All { get; } = [ProjectCode, Month, Amount, Source, AuditStatus];
    }

    public static class Activities
    {
        public static readonly ColumnSpec Code = new("活动编号", "code", true);
        public static readonly ColumnSpec Kind = new("类型", "kind", true);
        public static readonly ColumnSpec StartOn = new("开始日期", "start_on", true);
        public static readonly ColumnSpec EndOn = new("结束日期", "end_on", false);
        public static readonly ColumnSpec Unit = new("组织单位", "unit", true);
        public static readonly ColumnSpec Leader = new("带队领导", "leader", false);
        public static readonly ColumnSpec LeaderLevel = new("领导层级", "leader_level", false);
        public static readonly ColumnSpec Destinations = new("目的地", "destinations", false); // required for 走出去 only: the row validator's rule
        public static readonly ColumnSpec Counterparts = new("对接对象", "counterparts", false);
        public static readonly ColumnSpec Meetings = new("座谈会(场)", "meetings", false);
        public static readonly ColumnSpec Intentions = new("达成合作意向(个)", "intentions", false);

        public static IReadOnlyList<ColumnSpec> All { get; } =
            [Code, Kind, StartOn, EndOn, Unit, Leader, LeaderLevel, Destinations, Counterparts, Meetings, Intentions];
    }
}
