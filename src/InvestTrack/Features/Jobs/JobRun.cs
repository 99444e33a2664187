using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Jobs;

/// <summary>How a run was started.</summary>
public enum JobRunCause { Schedule = 1, Manual = 2, Retry = 3 }

public enum JobRunOutcome { Running = 0, Succeeded = 1, Failed = 2 }

/// <summary>
/// One execution of a scheduled job on one instance, written by <see cref="ScheduledJob"/> as it starts and ends. Kept in
/// the app's own database (not Quartz's tables) so that both providers show the same history, and the jobs page reads it
/// whichever instance ran the job.
/// </summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string JobKey { get; set; }
    /// <summary>Quartz's id of this firing, unique across the cluster: the exactly-once evidence.</summary>
    public required string FireInstanceId { get; set; }
    public required string Instance { get; set; }
    public JobRunCause Cause { get; set; }
    public int Attempt { get; set; }
    /// <summary>Who pressed 立即运行, for a manual run.</summary>
    public string? RequestedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public JobRunOutcome Outcome { get; set; }
    /// <summary>What the job did, in a line ("3 个单位未报送"), or the failure's message.</summary>
    public string? Summary { get; set; }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(r => r.JobKey).HasMaxLength(100);
        b.Property(r => r.FireInstanceId).HasMaxLength(200);
        b.Property(r => r.Instance).HasMaxLength(200);
        b.Property(r => r.RequestedBy).HasMaxLength(256);
        b.Property(r => r.Summary).HasMaxLength(2000);
        b.HasIndex(r => r.FireInstanceId).IsUnique();
        b.HasIndex(r => new { r.JobKey, r.StartedAt });
    }
}
