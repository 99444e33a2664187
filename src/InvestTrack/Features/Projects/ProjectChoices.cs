using InvestTrack.Data;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Projects;

/// <summary>A project to pick in a form (an event's signing, an activity's projects): only those the user may see.</summary>
public sealed record ProjectChoice(int Id, string Code, string Name)
{
    public override string ToString() => $"{Code} {Name}";
}

public static class ProjectChoices
{
    /// <summary>The first 20 projects in code order whose code or name holds the text, through the unit filter.</summary>
    public static async Task<IReadOnlyList<ProjectChoice>> SearchAsync(AppDbContext db, string? text, CancellationToken ct)
    {
        var projects = db.Projects.AsNoTracking();
        if (TextInput.Search(text) is { } q) projects = projects.Where(p => p.Code.Contains(q) || p.Name.Contains(q));
        return await projects.OrderBy(p => p.Code).Take(20).Select(p => new ProjectChoice(p.Id, p.Code, p.Name)).ToListAsync(ct);
    }
}
