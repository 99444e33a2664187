using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.Features.Audit;

/// <summary>`audit verify|checkpoint|export|purge`, `keys init` and `db grant`: the operator's side of the tamper-evident trail.</summary>
public static class AuditVerb
{
    public const string Help = "audit verify: walk the chain and the checkpoints, name the first changed, deleted, reordered or missing entry (exit 1);\n" +
        "               audit checkpoint: sign the latest sequence and MAC now; audit export --out FILE: write the entries older than the retention;\n" +
        "               audit purge: delete what a verified export holds and is older than Audit:RetentionDays (run with the owner role)";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "verify":
                return Print(await services.GetRequiredService<AuditVerifier>().VerifyAsync());
            case "checkpoint":
                var written = await services.GetRequiredService<AuditCheckpoints>().WriteAsync();
                if (written is null)
                {
                    Console.WriteLine("审计日志为空 the trail is empty: no checkpoint written");
                    return 0;
                }
                await services.GetRequiredService<AuditLog>().WriteAsync(AuditRetention.CheckpointAction, AuditRetention.ChainObject,
                    written.Checkpoint.Sequence.ToString(CultureInfo.InvariantCulture), details: $"{{\"file\":\"{Path.GetFileName(written.File)}\"}}");
                Console.WriteLine($"检查点 checkpoint: sequence {written.Checkpoint.Sequence}, MAC {written.Checkpoint.Mac} → {written.File}");
                if (written.SyslogProblem is { } problem)
                {
                    Console.Error.WriteLine($"未发送到 syslog not sent to syslog: {problem}");
                    return 1;
                }
                return 0;
            case "export":
                var outIndex = Array.IndexOf(args, "--out");
                if (outIndex < 0 || outIndex + 1 >= args.Length)
                {
                    Console.Error.WriteLine("用法 usage: audit export --out FILE");
                    return 64;
                }
                if (File.Exists(args[outIndex + 1]))
                {
                    Console.Error.WriteLine($"文件已存在 the file exists, choose another: {args[outIndex + 1]}");
                    return 66;
                }
                return Report(await services.GetRequiredService<AuditRetention>().ExportAsync(args[outIndex + 1]), nothingIsFine: true);
            case "purge":
                return Report(await services.GetRequiredService<AuditRetention>().PurgeAsync(), nothingIsFine: true);
            default:
                Console.Error.WriteLine($"用法 usage: {Help}");
                return 64;
        }
    }

    /// <summary>The verification as the operator reads it: the first finding first; exit 1 on any.</summary>
    public static int Print(AuditVerification v)
    {
        var checkpoints = v.LastCheckpoint is { } c
            ? $"{v.Checkpoints} checkpoint(s) verified, the newest at entry {c.Sequence} ({c.Time:yyyy-MM-dd HH:mm:ss}Z){(v.LastSequence > c.Sequence ? $", {v.LastSequence - c.Sequence} entries after it" : "")}"
            : "no checkpoint yet";
        var range = v.Entries == 0 ? "no entries" : $"{v.Entries} entries, {v.FirstSequence}–{v.LastSequence}{(v.Anchor is { } a ? $" (entries up to {a} purged after export)" : "")}";
        if (v.Intact)
        {
            Console.WriteLine($"审计链完整 audit trail intact: {range}; {checkpoints}");
            return 0;
        }
        Console.WriteLine($"审计链异常 audit trail NOT intact ({range}; {checkpoints}):");
        foreach (var (finding, i) in v.Findings.Select((f, i) => (f, i)))
            Console.WriteLine($"  {(i == 0 ? "FIRST " : "")}{finding.Kind}: {finding.Message}");
        return 1;
    }

    private static int Report(AuditRetention.Outcome outcome, bool nothingIsFine)
    {
        if (outcome.Done || (nothingIsFine && outcome.Message.StartsWith("nothing", StringComparison.Ordinal)))
        {
            Console.WriteLine(outcome.Message);
            return 0;
        }
        Console.Error.WriteLine(outcome.Message);
        return 1;
    }

    /// <summary>`keys init`: makes the missing keys in Security:KeyDirectory (0600), whatever the database; prints where.</summary>
    public static Task<int> KeysAsync(IServiceProvider services, string[] args)
    {
        if (args.FirstOrDefault() != "init")
        {
            Console.Error.WriteLine("用法 usage: keys init");
            return Task.FromResult(64);
        }
        var environment = services.GetRequiredService<IHostEnvironment>();
        var keys = FileKeyProvider.Init(services.GetRequiredService<IConfiguration>(), environment.ContentRootPath, services.GetRequiredService<DatabaseSettings>());
        Console.WriteLine(keys.Describe());
        return Task.FromResult(0);
    }
}
