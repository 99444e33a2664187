using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Funds;

/// <summary>How a kept file (funds evidence, an activity attachment) is handed out over HTTP.</summary>
public static class EvidenceDownload
{
    /// <summary>
    /// 404 for a missing or foreign file; otherwise the file under the name the server chose, marked nosniff so that a
    /// browser never reads it as another type than the one its bytes were checked to be.
    /// </summary>
    public static Results<FileContentHttpResult, NotFound> Answer(EvidenceFile? file, HttpContext http)
    {
        if (file is null) return TypedResults.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Content, file.ContentType, file.DownloadName);
    }
}
