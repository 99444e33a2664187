using InvestTrack.Features.Activities;
using InvestTrack.Features.Assessment;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Dashboard;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Network;
using InvestTrack.Features.NodePlans;
using InvestTrack.Features.Notifications;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.SupervisionOrders;
using InvestTrack.Features.Targets;
using InvestTrack.Features.Units;
using InvestTrack.Features.Users;
using InvestTrack.Features.Warnings;
using InvestTrack.Features.WeeklyDispatch;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Data;

/// <summary>
/// The one DbContext. Provider-specific subclasses exist only so that each provider has its own
/// migration set (docs/decisions/0002-migrations.md). Unit scoping is a global query filter on every
/// <see cref="IUnitOwned"/> and <see cref="ICityOrUnitOwned"/> entity, driven by the acting user; writes are
/// checked in SaveChanges.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    private readonly CurrentUser _user;

    protected AppDbContext(DbContextOptions options, CurrentUser user) : base(options)
    {
        _user = user;
        ChangeTracker.Tracked += (_, e) =>
        {
            if (e.FromQuery) PersonalDataSealing.OnTracked(e.Entry);
        };
    }

    /// <summary>Every context opens the personal data it reads, however its options were made (PersonalDataSealing).</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(PersonalDataSealing.Opener.Instance);

    /// <summary>
    /// Read by the query filters at every query, from the user acting now: a scoped context may be made
    /// (by Identity's cookie validation) before the request's user is known.
    /// </summary>
    internal bool ScopeIsAll => _user.UnitScope.All;
    internal int[] ScopeUnitIds => _user.UnitScope.UnitIdArray;
    /// <summary>Whether the user sees any unit at all: the city's own rows are hidden from an empty scope too.</summary>
    internal bool ScopeSeesCity => _user.UnitScope.All || _user.UnitScope.UnitIds.Count > 0;
    internal CurrentUser Actor => _user;

    /// <summary>Where the audit chain's MAC key comes from (<see cref="DatabaseSettings.Keys"/>).</summary>
    internal Lazy<Kernel.Crypto.IKeyProvider>? Keys { get; set; }

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<PrefectureCity> PrefectureCities => Set<PrefectureCity>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<IndustrySection> IndustrySections => Set<IndustrySection>();
    public DbSet<IndustryCatalog> IndustryCatalogs => Set<IndustryCatalog>();
    public DbSet<Industry> Industries => Set<Industry>();
    public DbSet<CitySettings> CitySettings => Set<CitySettings>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyContact> CompanyContacts => Set<CompanyContact>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<ProjectMilestone> ProjectMilestones => Set<ProjectMilestone>();
    public DbSet<ProgressEntry> ProgressEntries => Set<ProgressEntry>();
    public DbSet<FundsRecord> FundsRecords => Set<FundsRecord>();
    public DbSet<FundsEvidence> FundsEvidence => Set<FundsEvidence>();
    public DbSet<FundsYearTotal> FundsYearTotals => Set<FundsYearTotal>();
    public DbSet<FundsSliceTotal> FundsSliceTotals => Set<FundsSliceTotal>();
    public DbSet<MonthLock> MonthLocks => Set<MonthLock>();
    public DbSet<AnnualTarget> AnnualTargets => Set<AnnualTarget>();
    public DbSet<NetworkEvent> NetworkEvents => Set<NetworkEvent>();
    public DbSet<EventParticipant> EventParticipants => Set<EventParticipant>();
    public DbSet<EventSigning> EventSignings => Set<EventSigning>();
    public DbSet<TalentPerson> TalentPeople => Set<TalentPerson>();
    public DbSet<TalentWorkstation> TalentWorkstations => Set<TalentWorkstation>();
    public DbSet<WorkstationMember> WorkstationMembers => Set<WorkstationMember>();
    public DbSet<InvestmentAgency> InvestmentAgencies => Set<InvestmentAgency>();
    public DbSet<TalentRetentionCount> TalentRetentionCounts => Set<TalentRetentionCount>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<LeadProgress> LeadProgress => Set<LeadProgress>();
    public DbSet<LeadClock> LeadClocks => Set<LeadClock>();
    public DbSet<LeadConflict> LeadConflicts => Set<LeadConflict>();
    public DbSet<HolidayDate> HolidayDates => Set<HolidayDate>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityDestination> ActivityDestinations => Set<ActivityDestination>();
    public DbSet<ActivityCounterpart> ActivityCounterparts => Set<ActivityCounterpart>();
    public DbSet<ActivityProject> ActivityProjects => Set<ActivityProject>();
    public DbSet<ActivityAttachment> ActivityAttachments => Set<ActivityAttachment>();
    public DbSet<PlanTemplate> PlanTemplates => Set<PlanTemplate>();
    public DbSet<PlanTemplateStep> PlanTemplateSteps => Set<PlanTemplateStep>();
    public DbSet<PlanStep> PlanSteps => Set<PlanStep>();
    public DbSet<PlanAdjustment> PlanAdjustments => Set<PlanAdjustment>();
    public DbSet<Features.Jobs.JobRun> JobRuns => Set<Features.Jobs.JobRun>();
    public DbSet<SchemeVersion> SchemeVersions => Set<SchemeVersion>();
    public DbSet<PublishedRanking> PublishedRankings => Set<PublishedRanking>();
    public DbSet<RankingAdjustment> RankingAdjustments => Set<RankingAdjustment>();
    public DbSet<WeeklyDispatchRecord> WeeklyDispatches => Set<WeeklyDispatchRecord>();
    public DbSet<WeeklyDispatchItem> WeeklyDispatchItems => Set<WeeklyDispatchItem>();
    public DbSet<CoordinationProblem> CoordinationProblems => Set<CoordinationProblem>();
    public DbSet<WarningRun> WarningRuns => Set<WarningRun>();
    public DbSet<WarningItem> WarningItems => Set<WarningItem>();
    public DbSet<WarningRuleResult> WarningRuleResults => Set<WarningRuleResult>();
    public DbSet<WarningHandling> WarningHandlings => Set<WarningHandling>();
    public DbSet<WarningSettings> WarningSettings => Set<WarningSettings>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<Features.Bulletins.Bulletin> Bulletins => Set<Features.Bulletins.Bulletin>();
    public DbSet<Features.Bulletins.BulletinFile> BulletinFiles => Set<Features.Bulletins.BulletinFile>();
    public DbSet<SupervisionOrder> SupervisionOrders => Set<SupervisionOrder>();
    public DbSet<OrderTransition> OrderTransitions => Set<OrderTransition>();
    public DbSet<OrderAttachment> OrderAttachments => Set<OrderAttachment>();
    public DbSet<OrderNumberSequence> OrderNumberSequences => Set<OrderNumberSequence>();
    public DbSet<Features.ApiTokens.ApiToken> ApiTokens => Set<Features.ApiTokens.ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // What differs between the providers: the SQL of a generated column, and an index only PostgreSQL makes covering.
        var postgres = Database.IsNpgsql();
        ProjectConfiguration.ChangedAtBeijing(builder.Entity<StageChange>(), postgres);
        if (postgres) FundsYearTotalConfiguration.CoveringIndex(builder.Entity<FundsYearTotal>());
        var types = builder.Model.GetEntityTypes().Select(t => t.ClrType).ToList();
        foreach (var type in types.Where(t => typeof(IUnitOwned).IsAssignableFrom(t)))
            ApplyFilter(nameof(ApplyUnitFilter), type, builder);
        foreach (var type in types.Where(t => typeof(ICityOrUnitOwned).IsAssignableFrom(t)))
            ApplyFilter(nameof(ApplyCityOrUnitFilter), type, builder);
        foreach (var type in types.Where(t => typeof(IUnitOrAssigneeOwned).IsAssignableFrom(t)))
            ApplyFilter(nameof(ApplyUnitOrAssigneeFilter), type, builder);
    }

    private void ApplyFilter(string method, Type type, ModelBuilder builder) =>
        typeof(AppDbContext).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(type).Invoke(this, [builder]);

    private void ApplyUnitFilter<T>(ModelBuilder builder) where T : class, IUnitOwned =>
        builder.Entity<T>().HasQueryFilter(e => ScopeIsAll || ScopeUnitIds.Contains(e.UnitId));

    /// <summary>The city's rows (no unit) are the whole city's plan, read by everyone who reads any unit.</summary>
    private void ApplyCityOrUnitFilter<T>(ModelBuilder builder) where T : class, ICityOrUnitOwned =>
        builder.Entity<T>().HasQueryFilter(e => ScopeIsAll || (e.UnitId == null && ScopeSeesCity) || (e.UnitId != null && ScopeUnitIds.Contains(e.UnitId.Value)));

    /// <summary>The raising unit and the unit it is assigned to both see the record.</summary>
    private void ApplyUnitOrAssigneeFilter<T>(ModelBuilder builder) where T : class, IUnitOrAssigneeOwned =>
        builder.Entity<T>().HasQueryFilter(e => ScopeIsAll || ScopeUnitIds.Contains(e.UnitId) || (e.AssignedUnitId != null && ScopeUnitIds.Contains(e.AssignedUnitId.Value)));

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every moment is stored in UTC; SQLite keeps DateTimeOffset as text, which sorts wrongly across offsets.
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    // Both paths stay truly sync or async: sync-over-async deadlocks under a synchronization context
    // (Blazor's renderer), and Data Protection saves its keys synchronously.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var pending = PrepareSave();
        if (pending.Count == 0 && !HasNewAuditEntries()) return base.SaveChanges(acceptAllChangesOnSuccess);
        var ownTransaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        PersonalDataSealing.Save? personal = null;
        try
        {
            personal = PersonalDataSealing.Save.Before(this);
            var written = pending.Count > 0 ? base.SaveChanges(acceptAllChangesOnSuccess) : 0;
            personal.RestorePlain();
            AuditEntries.AddRange(pending.Select(p => p.ToEntry()));
            personal.SealAdded();
            AuditChain.Seal(this, NewAuditEntries());
            var more = base.SaveChanges(acceptAllChangesOnSuccess);
            personal.RestorePlain();
            ownTransaction?.Commit();
            return pending.Count > 0 ? written : more;
        }
        catch
        {
            personal?.Undo();
            throw;
        }
        finally
        {
            ownTransaction?.Dispose();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = PrepareSave();
        if (pending.Count == 0 && !HasNewAuditEntries())
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // The audit entries are written in the same transaction as the change: no entry, no change. They are sealed into
        // the chain (sequence and MAC) last, so that the chain's lock is held for as short a time as the transaction allows.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        PersonalDataSealing.Save? personal = null;
        try
        {
            // Personal data is sealed for the write and back in clear for the audit entries and the caller (PersonalDataSealing).
            personal = PersonalDataSealing.Save.Before(this);
            var written = pending.Count > 0 ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) : 0;
            personal.RestorePlain();
            AuditEntries.AddRange(pending.Select(p => p.ToEntry()));
            personal.SealAdded();
            await AuditChain.SealAsync(this, NewAuditEntries(), cancellationToken);
            var more = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            personal.RestorePlain();
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return pending.Count > 0 ? written : more;
        }
        catch
        {
            personal?.Undo();
            throw;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    private bool HasNewAuditEntries() => ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added);

    private List<AuditEntry> NewAuditEntries() =>
        [.. ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];

    /// <summary>Checks the text and the unit scope, bumps versions and captures the audit entries of this save.</summary>
    private List<AuditCapture.Pending> PrepareSave()
    {
        ChangeTracker.DetectChanges();
        TextGuard.Apply(this);
        UnitWriteGuard.Check(this);
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            entry.Entity.Version++;
        return AuditCapture.Capture(this);
    }
}
