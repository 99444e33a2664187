using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.Features.Privacy;

/// <summary>`rotate-keys [--batch N] [--batches K] | --status`: a new data key and every personal value re-sealed under it (docs/security.md 22).</summary>
public static class RotateKeysVerb
{
    public const string Help = "rotate-keys [--batch N] [--batches K]: a new data key (SM4) in Security:KeyDirectory, then every phone and e-mail address re-encrypted with it, " +
        "N rows a transaction (500), at most K batches; run again to continue an unfinished rotation;\n" +
        "               rotate-keys --status: the values per key version";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var keys = services.GetRequiredService<IKeyProvider>();
        if (args.Contains("--status"))
        {
            var counts = await PersonalDataBatches.StatusAsync(db, keys);
            Console.WriteLine($"当前密钥 current data key: v{keys.CurrentDataKey().Version}");
            foreach (var c in counts) Console.WriteLine($"  {c.Table}.{c.Column,-8} {c.Version,-6} {c.Rows}");
            if (counts.Count == 0) Console.WriteLine("  无个人信息 no personal data stored");
            return 0;
        }
        if (!TryNumber(args, "--batch", PersonalDataBatches.DefaultBatchSize, out var batch) || !TryNumber(args, "--batches", 0, out var batches)
            || args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--batch" or "--batches")))
        {
            Console.Error.WriteLine("用法 usage: " + Help);
            return 64;
        }
        var result = await PersonalDataBatches.RotateAsync(db, keys, batch, batches == 0 ? null : batches, Console.WriteLine);
        Console.WriteLine(result.Finished
            ? $"完成 done: {result.Rows} values re-encrypted; every value is on data key v{result.Version}"
            : $"暂停 stopped after {result.Rows} values; run rotate-keys again to continue with data key v{result.Version}");
        return 0;
    }

    private static bool TryNumber(string[] args, string name, int fallback, out int value)
    {
        value = fallback;
        var at = Array.IndexOf(args, name);
        if (at < 0) return true;
        return at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }
}
