namespace InvestTrack.Infrastructure.Auth;

/// <summary>What a user may do. Each is an authorization policy of the same name.</summary>
public enum Operation
{
    ViewRecords,
    EditRecords,
    ExportRecords,
    ManageUsers,
    ManageReferenceData,
    ReadAuditTrail,
    /// <summary>审核到位资金: audit or return reported funds; never one's own report.</summary>
    AuditFunds,
    /// <summary>Lock and unlock a month of funds.</summary>
    LockMonths,
    /// <summary>Move a project (with its history, milestones, progress and funds) to another unit.</summary>
    MoveProjects,
    /// <summary>Scan the directory for duplicate companies and merge them: a merge relinks other units' projects.</summary>
    MergeCompanies,
    /// <summary>Set the annual targets (谋) of every unit and of the whole city, by hand or by import.</summary>
    SetTargets,
    /// <summary>Change the wording of the dispatch report (周调度) that every unit's report uses.</summary>
    EditReportTemplates,
    /// <summary>Arbitrate 招商撞车 between units: assign, share or release a protected lead; see the conflicts.</summary>
    ArbitrateLeads,
    /// <summary>Maintain the holiday calendar (法定节假日, 调休) the response clocks count working days with.</summary>
    ManageCalendar,
    /// <summary>Edit the node plan templates and approve or reject the units' changes of plan dates (节点计划).</summary>
    ManagePlans,
    /// <summary>See the scheduled jobs (warnings, reminders, bulletins) with their runs, and run one now.</summary>
    ManageJobs,
    /// <summary>Edit and publish the year's 考核 scheme, enter the units' bonus and deduction counts, publish a month's ranking.</summary>
    ManageAssessment,
    /// <summary>Supervise weekly dispatch (周调度): return a unit's dispatch for correction, assign, close or return problems (问题清单).</summary>
    SuperviseDispatch,
    /// <summary>旬预警: switch rules and edit thresholds, run a 旬 by hand, configure the robot webhooks.</summary>
    ManageWarnings,
    /// <summary>Generate, edit and publish the monthly bulletin (月通报), and read its drafts.</summary>
    ManageBulletins,
    /// <summary>督办: issue supervision orders to the units, accept or return their plans and fix reports.</summary>
    IssueOrders,
    /// <summary>
    /// The security admin's account work (安全管理员): unlock a locked account, reset a user's second factor, end a user's
    /// sessions; with the user list it needs for that, never their records.
    /// </summary>
    ManageAccountSecurity,
    /// <summary>显示: see a masked phone or e-mail address in full, audited (docs/security.md 22); those who edit the records only.</summary>
    UnmaskPersonalData,
    /// <summary>See every user's personal access tokens of the API and revoke any of them (each user manages its own).</summary>
    RevokeApiTokens,
}

/// <summary>Where an allowed operation applies.</summary>
public enum AccessScope
{
    None,
    /// <summary>The user's own unit and the units under it (a county's zones).</summary>
    OwnUnit,
    /// <summary>Own unit and below, or the whole city when the user sits in the city unit itself.</summary>
    OwnUnitOrCity,
    All,
}

/// <summary>
/// The written policy: role × operation → scope. Pages, endpoints and services ask it (a service through
/// <see cref="AdminGuard"/>, a page through <see cref="CurrentUser.Can"/>), never a role's name or "EditRecords
/// over all units" by hand; the city-only operations are rows of their own. The access-matrix test walks it
/// both ways, and fails when an operation is missing.
/// </summary>
public static class AccessPolicy
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<Operation, AccessScope>> Matrix =
        new Dictionary<string, IReadOnlyDictionary<Operation, AccessScope>>
        {
            [Roles.SystemAdmin] = new Dictionary<Operation, AccessScope>
            {
                [Operation.ManageUsers] = AccessScope.All,
                [Operation.ManageReferenceData] = AccessScope.All,
                [Operation.ManageJobs] = AccessScope.All,
                // The security administrator's once that role exists (docs/security.md 4); until then the system admin's.
                [Operation.RevokeApiTokens] = AccessScope.All,
            },
            [Roles.SecurityAdmin] = new Dictionary<Operation, AccessScope>
            {
                [Operation.ManageAccountSecurity] = AccessScope.All,
            },
            [Roles.Auditor] = new Dictionary<Operation, AccessScope>
            {
                [Operation.ReadAuditTrail] = AccessScope.All,
            },
            [Roles.CityAdmin] = new Dictionary<Operation, AccessScope>
            {
                [Operation.ViewRecords] = AccessScope.All,
                [Operation.EditRecords] = AccessScope.All,
                [Operation.ExportRecords] = AccessScope.All,
                [Operation.AuditFunds] = AccessScope.All,
                [Operation.LockMonths] = AccessScope.All,
                [Operation.MoveProjects] = AccessScope.All,
                [Operation.MergeCompanies] = AccessScope.All,
                [Operation.SetTargets] = AccessScope.All,
                [Operation.EditReportTemplates] = AccessScope.All,
                [Operation.ArbitrateLeads] = AccessScope.All,
                [Operation.ManageCalendar] = AccessScope.All,
                [Operation.ManagePlans] = AccessScope.All,
                [Operation.ManageAssessment] = AccessScope.All,
                [Operation.SuperviseDispatch] = AccessScope.All,
                [Operation.ManageWarnings] = AccessScope.All,
                [Operation.ManageBulletins] = AccessScope.All,
                [Operation.IssueOrders] = AccessScope.All,
                [Operation.UnmaskPersonalData] = AccessScope.All,
            },
            [Roles.UnitUser] = new Dictionary<Operation, AccessScope>
            {
                [Operation.ViewRecords] = AccessScope.OwnUnit,
                [Operation.EditRecords] = AccessScope.OwnUnit,
                [Operation.ExportRecords] = AccessScope.OwnUnit,
                [Operation.UnmaskPersonalData] = AccessScope.OwnUnit,
            },
            [Roles.Leader] = new Dictionary<Operation, AccessScope>
            {
                [Operation.ViewRecords] = AccessScope.OwnUnitOrCity,
                [Operation.ExportRecords] = AccessScope.OwnUnitOrCity,
            },
        };

    public static AccessScope ScopeOf(string role, Operation operation) =>
        Matrix.TryGetValue(role, out var ops) && ops.TryGetValue(operation, out var scope) ? scope : AccessScope.None;

    public static bool Allows(string role, Operation operation) => ScopeOf(role, operation) != AccessScope.None;

    public static IEnumerable<string> RolesAllowed(Operation operation) => Roles.All.Where(r => Allows(r, operation));
}
