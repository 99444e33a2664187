using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.UnitTests;

public class AccessPolicyTests
{
    [Fact]
    public void Every_role_is_in_the_matrix() => Assert.All(Roles.All, r => Assert.True(AccessPolicy.Matrix.ContainsKey(r), r));

    [Fact]
    public void Every_operation_is_allowed_to_someone() =>
        Assert.All(Enum.GetValues<Operation>(), op => Assert.NotEmpty(AccessPolicy.RolesAllowed(op)));

    [Fact]
    public void System_admin_reads_neither_business_records_nor_the_audit_trail()
    {
        Assert.False(AccessPolicy.Allows(Roles.SystemAdmin, Operation.ViewRecords));
        Assert.False(AccessPolicy.Allows(Roles.SystemAdmin, Operation.ReadAuditTrail));
        Assert.True(AccessPolicy.Allows(Roles.SystemAdmin, Operation.ManageUsers));
    }

    [Fact]
    public void Security_admin_only_looks_after_accounts_and_the_system_admin_no_longer_does()
    {
        var allowed = Enum.GetValues<Operation>().Where(op => AccessPolicy.Allows(Roles.SecurityAdmin, op));
        Assert.Equal([Operation.ManageAccountSecurity], allowed);
        Assert.Equal([Roles.SecurityAdmin], AccessPolicy.RolesAllowed(Operation.ManageAccountSecurity));
        Assert.Equal([Roles.SystemAdmin, Roles.SecurityAdmin, Roles.Auditor], Roles.Administrators);
    }

    [Fact]
    public void Auditor_reads_only_the_audit_trail()
    {
        var allowed = Enum.GetValues<Operation>().Where(op => AccessPolicy.Allows(Roles.Auditor, op));
        Assert.Equal([Operation.ReadAuditTrail], allowed);
    }

    /// <summary>Each user manages its own API tokens; seeing and revoking everyone's is the administrators' (the security admin's once it exists).</summary>
    [Fact]
    public void Only_the_system_admin_revokes_any_users_api_tokens() =>
        Assert.Equal([Roles.SystemAdmin], AccessPolicy.RolesAllowed(Operation.RevokeApiTokens));

    [Fact]
    public void Leaders_read_but_never_edit()
    {
        Assert.True(AccessPolicy.Allows(Roles.Leader, Operation.ViewRecords));
        Assert.False(AccessPolicy.Allows(Roles.Leader, Operation.EditRecords));
        Assert.False(AccessPolicy.Allows(Roles.Leader, Operation.ManageUsers));
    }

    [Fact]
    public void Unit_staff_work_in_their_own_unit_and_city_staff_everywhere()
    {
        Assert.Equal(AccessScope.OwnUnit, AccessPolicy.ScopeOf(Roles.UnitUser, Operation.EditRecords));
        Assert.Equal(AccessScope.All, AccessPolicy.ScopeOf(Roles.CityAdmin, Operation.EditRecords));
        Assert.Equal(AccessScope.None, AccessPolicy.ScopeOf("nobody", Operation.ViewRecords));
    }

    /// <summary>The city-only operations: each a row of its own, granted to city staff over every unit and to no one else.</summary>
    [Theory]
    [InlineData(Operation.AuditFunds)]
    [InlineData(Operation.LockMonths)]
    [InlineData(Operation.MoveProjects)]
    [InlineData(Operation.MergeCompanies)]
    [InlineData(Operation.SetTargets)]
    [InlineData(Operation.EditReportTemplates)]
    [InlineData(Operation.ArbitrateLeads)]
    [InlineData(Operation.ManageCalendar)]
    [InlineData(Operation.ManagePlans)]
    [InlineData(Operation.ManageAssessment)]
    [InlineData(Operation.SuperviseDispatch)]
    [InlineData(Operation.ManageWarnings)]
    [InlineData(Operation.ManageBulletins)]
    [InlineData(Operation.IssueOrders)]
    public void Only_city_staff_do_the_citywide_operations(Operation operation)
    {
        Assert.Equal([Roles.CityAdmin], AccessPolicy.RolesAllowed(operation));
        Assert.Equal(AccessScope.All, AccessPolicy.ScopeOf(Roles.CityAdmin, operation));
    }

    /// <summary>docs/security.md 22: a masked phone or e-mail address is shown in full only to those who edit the records, within their scope.</summary>
    [Fact]
    public void Only_those_who_edit_records_may_unmask_personal_data_within_their_scope()
    {
        Assert.Equal([Roles.CityAdmin, Roles.UnitUser], AccessPolicy.RolesAllowed(Operation.UnmaskPersonalData).Order());
        Assert.Equal(AccessScope.All, AccessPolicy.ScopeOf(Roles.CityAdmin, Operation.UnmaskPersonalData));
        Assert.Equal(AccessScope.OwnUnit, AccessPolicy.ScopeOf(Roles.UnitUser, Operation.UnmaskPersonalData));
        foreach (var role in new[] { Roles.Leader, Roles.Auditor, Roles.SystemAdmin })
            Assert.False(AccessPolicy.Allows(role, Operation.UnmaskPersonalData), role);
    }

    [Fact]
    public void The_system_operator_may_do_everything_and_nobody_anything()
    {
        var system = new CurrentUser();
        system.SetSystem("test");
        Assert.All(Enum.GetValues<Operation>(), op => Assert.True(system.Can(op), op.ToString()));
        Assert.All(Enum.GetValues<Operation>(), op => Assert.False(new CurrentUser().Can(op), op.ToString()));
    }
}
