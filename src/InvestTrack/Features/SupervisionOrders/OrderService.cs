using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Warnings;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>
/// Supervision orders for the pages and the API: the city issues, accepts and returns (Operation.IssueOrders); the
/// responsible unit submits its plan and fix report with attachments (EditRecords in its scope). The unit filter decides
/// what a user reads (another unit's id is "not found"); AppDbContext audits every change of the order and refuses a
/// stale version; each transition is also kept as a history row and as an audit entry naming the action, all in one
/// transaction.
/// </summary>
public sealed class OrderService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SupervisionOrderResource> t, IStringLocalizer<SharedResource> shared, IStringLocalizer<FundsResource> f, IConfiguration configuration,
    WarningReads warnings)
{
    private const string ObjectType = nameof(SupervisionOrder);

    public long MaxAttachmentBytes => EvidenceUpload.MaxBytes(configuration);

    public bool CanIssue => actor.Can(Operation.IssueOrders);

    public bool CanAnswer => actor.Can(Operation.EditRecords);

    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<OrderPage> ListAsync(OrderFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var q = Filtered(db, filter);
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        if (Paging.Skip(filter.Page, size) is not { } skip) return new OrderPage([], total, filter.Page, size);
        var rows = await RowsAsync(db, Sorted(q, filter.Sort).Skip(skip).Take(size), ct);
        return new OrderPage(rows, total, filter.Page, size);
    }

    /// <summary>Every order of the filter in the list's order, for the export.</summary>
    public async Task<List<OrderListRow>> ExportAsync(OrderFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        return await RowsAsync(db, Sorted(Filtered(db, filter), filter.Sort), ct);
    }

    private IQueryable<SupervisionOrder> Filtered(AppDbContext db, OrderFilter filter)
    {
        var q = db.SupervisionOrders.AsNoTracking();
        if (filter.Year is { } y) q = q.Where(o => o.Year == y);
        if (filter.Status is { } s) q = q.Where(o => o.Status == s);
        if (filter.UnitId is { } u) q = q.Where(o => o.UnitId == u);
        if (filter.OverdueOnly) q = OrderQueries.Overdue(q, Today);
        return q;
    }

    private static IQueryable<SupervisionOrder> Sorted(IQueryable<SupervisionOrder> q, OrderSort sort) => sort switch
    {
        // Ids grow with the issue time (SQLite cannot order by a DateTimeOffset).
        OrderSort.IssuedAsc => q.OrderBy(o => o.Id),
        OrderSort.Number => q.OrderBy(o => o.Year).ThenBy(o => o.Number),
        OrderSort.FixDue => q.OrderBy(o => o.FixDueOn).ThenBy(o => o.Id),
        OrderSort.Unit => q.OrderBy(o => o.UnitId).ThenByDescending(o => o.Id),
        _ => q.OrderByDescending(o => o.Id),
    };

    private async Task<List<OrderListRow>> RowsAsync(AppDbContext db, IQueryable<SupervisionOrder> q, CancellationToken ct)
    {
        var today = Today;
        var rows = await (from o in q
                          join u in db.Units on o.UnitId equals u.Id
                          from p in db.Projects.Where(p => p.Id == o.ProjectId).DefaultIfEmpty()
                          select new
                          {
                              o.Id, o.Year, o.Number, o.UnitId, Unit = u.Name, o.ProjectId, Project = p == null ? null : p.Name, o.Problem, o.PlanDueOn,
                              o.FixDueOn, o.Status, o.IssuedAt, o.EscalatedAt, o.ClosedOn
                          }).ToListAsync(ct);
        return [.. rows.Select(r => new OrderListRow(r.Id, OrderNumber.Format(r.Year, r.Number), r.Year, r.Number, r.UnitId, r.Unit, r.ProjectId, r.Project, r.Problem,
            r.PlanDueOn, r.FixDueOn, r.Status, OrderRules.IsOverdue(r.Status, r.PlanDueOn, r.FixDueOn, today),
            OrderRules.DaysOverdue(r.Status, r.PlanDueOn, r.FixDueOn, today), r.IssuedAt, r.EscalatedAt, r.ClosedOn))];
    }

    /// <summary>The order in the user's scope with its history and attachments, or null (missing and foreign alike).</summary>
    public async Task<OrderDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, Id(id));
        await using var db = dbFactory.CreateDbContext();
        var x = await (from o in db.SupervisionOrders.AsNoTracking()
                       join u in db.Units on o.UnitId equals u.Id
                       from p in db.Projects.Where(p => p.Id == o.ProjectId).DefaultIfEmpty()
                       where o.Id == id
                       select new { o, Unit = u.Name, Project = p == null ? null : p.Code + " " + p.Name }).SingleOrDefaultAsync(ct);
        if (x is null) return null;
        var history = await db.OrderTransitions.AsNoTracking().Where(h => h.OrderId == id).OrderBy(h => h.Id)
            .Select(h => new OrderTransitionView(h.Action, h.FromStatus, h.ToStatus, h.Text, h.By, h.At)).ToListAsync(ct);
        var attachments = await db.OrderAttachments.AsNoTracking().Where(a => a.OrderId == id).OrderBy(a => a.Id)
            .Select(a => new OrderAttachmentView(a.Id, a.Stage, a.FileName, a.ContentType, a.Size, a.UploadedBy, a.UploadedAt)).ToListAsync(ct);
        var d = x.o;
        var today = Today;
        return new OrderDetail(d.Id, d.Code, d.Year, d.Number, d.UnitId, x.Unit, d.ProjectId, x.Project, d.Problem, d.SourceWarning, d.Source, d.PlanDueOn,
            d.FixDueOn, d.Status, d.PlanText, d.PlanSubmittedAt, d.AnswerText, d.AnsweredAt, d.ReturnReason, d.AcceptedAt, d.ClosedOn,
            OrderRules.IsOverdue(d.Status, d.PlanDueOn, d.FixDueOn, today), OrderRules.DaysOverdue(d.Status, d.PlanDueOn, d.FixDueOn, today),
            d.EscalatedAt, d.EscalatedTo, d.IssuedBy, d.IssuedAt, history, attachments, ActionsOf(d.Status), d.Version);
    }

    private OrderActions ActionsOf(OrderStatus status)
    {
        var unit = CanAnswer;
        var city = CanIssue;
        return new OrderActions(
            SubmitPlan: unit && status == OrderStatus.Issued,
            SubmitAnswer: unit && status == OrderStatus.PlanSubmitted,
            Accept: city && status == OrderStatus.Answered,
            ReturnPlan: city && status == OrderStatus.PlanSubmitted,
            ReturnAnswer: city && status == OrderStatus.Answered,
            UploadStage: unit ? StageOpen(status) : null);
    }

    /// <summary>The submission being prepared in a state: the plan while 已下发, the fix report while 方案已报.</summary>
    private static OrderStage? StageOpen(OrderStatus status) => status switch
    {
        OrderStatus.Issued => OrderStage.Plan,
        OrderStatus.PlanSubmitted => OrderStage.Answer,
        _ => null,
    };

    /// <summary>A project's orders in the user's scope (number and status), newest first, for the project's page.</summary>
    public async Task<List<(int Id, string Code, OrderStatus Status)>> OfProjectAsync(int projectId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.SupervisionOrders.AsNoTracking().Where(o => o.ProjectId == projectId).OrderByDescending(o => o.Id)
            .Select(o => new { o.Id, o.Year, o.Number, o.Status }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, OrderNumber.Format(r.Year, r.Number), r.Status))];
    }

    /// <summary>The overdue orders in the user's scope for the big screen, most overdue first.</summary>
    public async Task<ScreenOrders> ScreenAsync(int take, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        return await OrderQueries.ScreenAsync(db, Today, take, ct);
    }

    /// <summary>The number the next order of the year would get, for the form.</summary>
    public async Task<int> NextNumberAsync(int? year = null, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.IssueOrders, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        return await OrderNumber.PeekAsync(db, year ?? Today.Year, ct);
    }

    /// <summary>The unit and project of a project in the user's scope, to prefill the form; null when not found.</summary>
    public async Task<OrderPrefill?> PrefillAsync(int projectId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.IssueOrders, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        return await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new OrderPrefill(p.UnitId, p.Id, p.Code, p.Name, p.ResponsibleLeader)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The form's prefill from a red or yellow warning (/orders/new?warning=2026-11-3/Project/123): its unit, its project,
    /// the facts of its rules as the problem, and the 旬 and rules as the source. Null when the warning is not found (or
    /// is another unit's) or is green.
    /// </summary>
    public async Task<OrderWarningPrefill?> PrefillFromWarningAsync(string? key, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.IssueOrders, ObjectType);
        if (!WarningKey.TryParse(key, out var k) || await warnings.FindAsync(k.Xun, k.Kind, k.SubjectId, ct) is not { Shown: not WarningColour.Green } w) return null;
        var late = w.Rules.Where(r => r.Colour != WarningColour.Green).ToList();
        ProjectChoice? project = w.Kind == WarningKind.Project ? new ProjectChoice(w.SubjectId, w.SubjectCode ?? "", w.SubjectName) : null;
        var subject = w.Kind == WarningKind.Project ? w.SubjectName : w.Kind == WarningKind.Lead ? t["New.WarningLead", w.SubjectName].Value : w.UnitName;
        return new OrderWarningPrefill(k.ToString(), w.UnitId, project,
            Clip($"{subject}：{string.Join("；", late.Select(r => r.Sentence))}", SupervisionOrder.ProblemMaxLength),
            Clip(t["New.WarningSource", w.XunLabel, string.Join("、", late.Select(r => r.RuleName))], SupervisionOrder.SourceMaxLength));
    }

    /// <summary>Orders issued from the given warnings, by warning (the warnings page shows their numbers instead of the button).</summary>
    public async Task<IReadOnlyDictionary<string, (int Id, string Code)>> FromWarningsAsync(IEnumerable<WarningKey> keys, CancellationToken ct = default)
    {
        var names = keys.Select(k => k.ToString()).ToList();
        if (names.Count == 0) return new Dictionary<string, (int, string)>();
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.SupervisionOrders.AsNoTracking().Where(o => o.SourceWarning != null && names.Contains(o.SourceWarning))
            .OrderBy(o => o.Id).Select(o => new { o.SourceWarning, o.Id, o.Year, o.Number }).ToListAsync(ct);
        return rows.GroupBy(o => o.SourceWarning!).ToDictionary(g => g.Key, g => (g.Last().Id, OrderNumber.Format(g.Last().Year, g.Last().Number)));
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>
    /// The source warning, when given: it must exist for the user, be red or yellow, and be of the order's unit (and, for
    /// a project's warning, of its project, which it supplies when the form names none). Returns its key as stored.
    /// </summary>
    private async Task<(string? Key, int? Project)> SourceWarningAsync(IssueOrderForm form, Action<string, string> add, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(form.SourceWarning)) return (null, null);
        const string field = nameof(IssueOrderForm.SourceWarning);
        if (!WarningKey.TryParse(form.SourceWarning.Trim(), out var key))
        {
            add(field, t["Error.SourceWarning"]);
            return (null, null);
        }
        if (await warnings.FindAsync(key.Xun, key.Kind, key.SubjectId, ct) is not { Shown: not WarningColour.Green } w)
        {
            add(field, t["Error.SourceWarningNotFound"]);
            return (null, null);
        }
        if (form.UnitId is { } unit && unit != w.UnitId) add(nameof(IssueOrderForm.UnitId), t["Error.WarningOtherUnit", w.UnitName]);
        var project = key.Kind == WarningKind.Project ? key.SubjectId : (int?)null;
        if (project is not null && form.ProjectId is { } chosen && chosen != project) add(nameof(IssueOrderForm.ProjectId), t["Error.WarningOtherProject", w.SubjectName]);
        return (key.ToString(), project);
    }

    public async Task<IReadOnlyList<ProjectChoice>> ProjectChoicesAsync(string? text, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        return await ProjectChoices.SearchAsync(db, text, ct);
    }

    /// <summary>Units the user may pick in the form and filters.</summary>
    public async Task<List<(int Id, string Name)>> UnitsAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        return [.. units.Where(u => actor.UnitScope.Contains(u.Id)).Select(u => (u.Id, u.Name))];
    }

    public async Task<OrderResult> IssueAsync(IssueOrderForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.IssueOrders, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        var today = Today;
        var problem = Text(nameof(IssueOrderForm.Problem), form.Problem, SupervisionOrder.ProblemMaxLength, required: true, Add);
        var source = Text(nameof(IssueOrderForm.Source), form.Source, SupervisionOrder.SourceMaxLength, required: false, Add);
        if (form.UnitId is not { } unitId) Add(nameof(IssueOrderForm.UnitId), t["Error.UnitRequired"]);
        else if (!actor.UnitScope.Contains(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId && u.IsActive, ct)) Add(nameof(IssueOrderForm.UnitId), t["Error.UnitNotFound"]);
        else if (form.ProjectId is { } projectId
            && await db.Projects.Where(p => p.Id == projectId).Select(p => (int?)p.UnitId).SingleOrDefaultAsync(ct) != unitId)
            Add(nameof(IssueOrderForm.ProjectId), t["Error.ProjectNotOfUnit"]);
        if (form.PlanDueOn is not { } planDue) Add(nameof(IssueOrderForm.PlanDueOn), t["Error.PlanDueRequired"]);
        else if (planDue < today) Add(nameof(IssueOrderForm.PlanDueOn), t["Error.DueInPast", t["Field.PlanDueOn"], DisplayFormat.Date(today)]);
        if (form.FixDueOn is not { } fixDue) Add(nameof(IssueOrderForm.FixDueOn), t["Error.FixDueRequired"]);
        else if (fixDue < today) Add(nameof(IssueOrderForm.FixDueOn), t["Error.DueInPast", t["Field.FixDueOn"], DisplayFormat.Date(today)]);
        if (form.PlanDueOn is { } p1 && form.FixDueOn is { } f1 && p1 > f1) Add(nameof(IssueOrderForm.PlanDueOn), t["Error.PlanAfterFix"]);
        var (sourceWarning, warnedProject) = await SourceWarningAsync(form, Add, ct);
        if (errors.Count > 0) return new OrderResult(CommandOutcome.Invalid, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var year = today.Year;
        var order = new SupervisionOrder
        {
            Year = year, Number = await OrderNumber.TakeAsync(db, year, ct), UnitId = form.UnitId!.Value, ProjectId = form.ProjectId ?? warnedProject, Problem = problem!,
            SourceWarning = sourceWarning, Source = source, PlanDueOn = form.PlanDueOn!.Value, FixDueOn = form.FixDueOn!.Value,
            Status = OrderStatus.Issued, IssuedBy = actor.UserName ?? "?", IssuedAt = now, UpdatedAt = now,
        };
        db.SupervisionOrders.Add(order);
        await db.SaveChangesAsync(ct);
        db.OrderTransitions.Add(Transition(order, OrderAction.Issued, OrderStatus.Issued, problem, now));
        await AdminGuard.AuditAsync(db, "IssueOrder", ObjectType, Id(order.Id), new { code = order.Code, unitId = order.UnitId, order.PlanDueOn, order.FixDueOn }, ct);
        await tx.CommitAsync(ct);
        return OrderResult.Success(order.Id, order.Version);
    }

    public Task<OrderResult> SubmitPlanAsync(int id, SubmitForm form, CancellationToken ct = default) =>
        SubmitAsync(id, form, OrderStatus.Issued, OrderStatus.PlanSubmitted, OrderAction.PlanSubmitted, ct);

    public Task<OrderResult> SubmitAnswerAsync(int id, SubmitForm form, CancellationToken ct = default) =>
        SubmitAsync(id, form, OrderStatus.PlanSubmitted, OrderStatus.Answered, OrderAction.AnswerSubmitted, ct);

    private async Task<OrderResult> SubmitAsync(int id, SubmitForm form, OrderStatus from, OrderStatus to, OrderAction action, CancellationToken ct)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, Id(id));
        var errors = new Dictionary<string, List<string>>();
        var text = Text(nameof(SubmitForm.Text), form.Text, SupervisionOrder.TextMaxLength, required: true,
            (field, message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message));
        return await TransitionAsync(id, form.Version, from, to, action, text, errors, (o, now) =>
        {
            if (action == OrderAction.PlanSubmitted) (o.PlanText, o.PlanSubmittedAt) = (text, now);
            else (o.AnswerText, o.AnsweredAt) = (text, now);
            o.ReturnReason = null;
        }, ct);
    }

    public async Task<OrderResult> AcceptAsync(int id, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.IssueOrders, ObjectType, Id(id));
        return await TransitionAsync(id, version, OrderStatus.Answered, OrderStatus.Accepted, OrderAction.Accepted, null, [], (o, now) =>
        {
            o.AcceptedAt = now;
            o.ClosedOn = ChinaTime.DateOf(now);
        }, ct);
    }

    /// <summary>Returns the plan (方案已报 → 已下发) or the fix report (整改已报 → 方案已报), whichever is awaiting the city.</summary>
    public async Task<OrderResult> ReturnAsync(int id, ReturnForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.IssueOrders, ObjectType, Id(id));
        var errors = new Dictionary<string, List<string>>();
        var reason = Text(nameof(ReturnForm.Reason), form.Reason, SupervisionOrder.ProblemMaxLength, required: true,
            (field, message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message), requiredKey: "Error.ReasonRequired");
        await using var db = dbFactory.CreateDbContext();
        var status = await db.SupervisionOrders.Where(o => o.Id == id).Select(o => (OrderStatus?)o.Status).SingleOrDefaultAsync(ct);
        if (status is null) return NotFound();
        var (from, to, action) = status == OrderStatus.Answered
            ? (OrderStatus.Answered, OrderStatus.PlanSubmitted, OrderAction.AnswerReturned)
            : (OrderStatus.PlanSubmitted, OrderStatus.Issued, OrderAction.PlanReturned);
        return await TransitionAsync(id, form.Version, from, to, action, reason, errors, (o, _) => o.ReturnReason = reason, ct);
    }

    private async Task<OrderResult> TransitionAsync(int id, int version, OrderStatus from, OrderStatus to, OrderAction action, string? text,
        Dictionary<string, List<string>> errors, Action<SupervisionOrder, DateTimeOffset> apply, CancellationToken ct)
    {
        await using var db = dbFactory.CreateDbContext();
        var o = await db.SupervisionOrders.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return NotFound();
        if (o.Version != version) return Stale();
        if (o.Status != from) return OrderResult.Fail(CommandOutcome.Invalid, "", t["Error.WrongState", t[$"Status.{o.Status}"]]);
        if (errors.Count > 0) return new OrderResult(CommandOutcome.Invalid, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        var now = clock.GetUtcNow();
        apply(o, now);
        o.Status = to;
        o.UpdatedAt = now;
        db.OrderTransitions.Add(Transition(o, action, from, text, now));
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await AdminGuard.AuditAsync(db, $"Order{action}", ObjectType, Id(id), new { code = o.Code, from = from.ToString(), to = to.ToString() }, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
        catch (OutOfScopeException)
        {
            return NotFound();
        }
        catch (InvalidTextException e)
        {
            return OrderResult.Fail(CommandOutcome.Invalid, "", e.Message);
        }
        return OrderResult.Success(o.Id, o.Version);
    }

    internal OrderTransition Transition(SupervisionOrder o, OrderAction action, OrderStatus from, string? text, DateTimeOffset now) => new()
    {
        OrderId = o.Id, UnitId = o.UnitId, Action = action, FromStatus = from, ToStatus = o.Status, Text = text, By = actor.UserName, At = now,
    };

    public async Task<OrderResult> UploadAsync(int id, string fileName, Stream content, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, nameof(OrderAttachment), Id(id));
        await using var db = dbFactory.CreateDbContext();
        var order = await db.SupervisionOrders.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.UnitId, o.Status }).SingleOrDefaultAsync(ct);
        if (order is null) return NotFound();
        if (StageOpen(order.Status) is not { } stage) return Invalid(t["Error.UploadClosed"]);
        var stored = await StoredFiles.AddAsync(db, db.OrderAttachments.Where(x => x.OrderId == id && x.Stage == stage),
            new OrderAttachment { OrderId = id, UnitId = order.UnitId, Stage = stage }, content, fileName, MaxAttachmentBytes, actor, clock, f, ct);
        return stored.Outcome switch
        {
            StoreOutcome.Stored => OrderResult.Success((int)stored.Id, 0),
            StoreOutcome.NotFound => NotFound(),
            _ => Invalid(stored.Message!),
        };
    }

    /// <summary>Removes a file of the submission still being prepared (a submitted plan's files stay with it).</summary>
    public async Task<OrderResult> DeleteAttachmentAsync(int id, long attachmentId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, nameof(OrderAttachment), attachmentId.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var status = await db.SupervisionOrders.Where(o => o.Id == id).Select(o => (OrderStatus?)o.Status).SingleOrDefaultAsync(ct);
        var x = await db.OrderAttachments.SingleOrDefaultAsync(e => e.Id == attachmentId && e.OrderId == id, ct);
        if (status is null || x is null) return NotFound();
        if (StageOpen(status.Value) != x.Stage) return Invalid(t["Error.UploadClosed"]);
        return await StoredFiles.RemoveAsync(db, x, ct) ? OrderResult.Success(id, 0) : NotFound();
    }

    /// <summary>The file of one attachment in the user's scope, or null; the download is audited.</summary>
    public async Task<EvidenceFile?> DownloadAsync(int id, long attachmentId, CancellationToken ct = default)
    {
        var key = attachmentId.ToString(CultureInfo.InvariantCulture);
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(OrderAttachment), key);
        await using var db = dbFactory.CreateDbContext();
        var e = await db.OrderAttachments.AsNoTracking().Where(x => x.Id == attachmentId && x.OrderId == id)
            .Select(x => new { x.Content, x.ContentType, x.Sha256 }).SingleOrDefaultAsync(ct);
        if (e is null) return null;
        await AdminGuard.AuditAsync(db, "Download", nameof(OrderAttachment), key, new { orderId = id, sha256 = e.Sha256 }, ct);
        return new EvidenceFile(e.Content, e.ContentType, $"order-{id}-attachment-{attachmentId}{EvidenceTypes.ExtensionOf(e.ContentType)}");
    }

    /// <summary>Normalised text, or null with the field's message added (required, too long, invisible or control characters).</summary>
    private string? Text(string field, string? value, int max, bool required, Action<string, string> add, string requiredKey = "Error.Required")
    {
        var multiLine = TextInput.IsMultiLine(max);
        var text = string.IsNullOrWhiteSpace(value) ? null : TextInput.Normalise(value.Trim(), multiLine);
        if (text is null)
        {
            if (required) add(field, t[requiredKey, t[$"Field.{field}"]]);
            return null;
        }
        if (TextInput.Problem(text, multiLine) is { } problem)
        {
            add(field, shared[problem]);
            return null;
        }
        if (text.Length > max) add(field, t["Error.TooLong", t[$"Field.{field}"], max]);
        return text;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private OrderResult NotFound() => OrderResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound"]);

    private OrderResult Stale() => OrderResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);

    private static OrderResult Invalid(string message) => OrderResult.Fail(CommandOutcome.Invalid, "File", message);
}
