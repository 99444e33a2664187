using System.Text.RegularExpressions;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// The address a failed bind was for. Kestrel names it only in its (English) message:
/// "Failed to bind to address http://127.0.0.1:5000: address already in use."
/// </summary>
public static partial class ListenAddress
{
    public static string Of(IOException bindFailure) =>
        Pattern().Match(bindFailure.Message) is { Success: true } m ? m.Groups[1].Value : bindFailure.Message;

    [GeneratedRegex(@"address (\S+): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
