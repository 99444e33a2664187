using static InvestTrack.Infrastructure.CommandLine.VerbArgs;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// `report bulletin --year Y --month M --out FILE.docx`: the published bulletin's document as issued, or, when the month
/// has none, a draft written now from the records (not stored).
/// </summary>
public static class BulletinVerb
{
    private const string Usage = "用法 usage: report bulletin --year Y --month M --out FILE.docx";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (Int(args, "--year") is not { } year || Int(args, "--month") is not { } month || Text(args, "--out") is not { } path)
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }
        if (!path.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"输出文件须为 .docx / the output file must end in .docx: {path}");
            return 64;
        }
        var (docx, published, error) = await services.GetRequiredService<BulletinService>().PublishedOrCurrentAsync(year, month);
        if (docx is null)
        {
            Console.Error.WriteLine($"{error} ({year}-{month})");
            return 65;
        }
        try
        {
            await File.WriteAllBytesAsync(path, docx);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"无法写入文件 cannot write the file: {path}: {e.Message}");
            return 66;
        }
        Console.WriteLine(published ? $"已发布的通报 published bulletin → {path}" : $"通报草稿（按当前数据，未保存） draft from the current data, not stored → {path}");
        return 0;
    }
}
