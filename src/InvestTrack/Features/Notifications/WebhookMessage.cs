using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace InvestTrack.Features.Notifications;

/// <summary>The robot formats (钉钉 and 企业微信 群机器人), DingTalk's signature, and which addresses a webhook may have.</summary>
public static class WebhookMessage
{
    /// <summary>
    /// The JSON body: markdown with the title as heading, the text and the link. Both robots take
    /// {"msgtype":"markdown","markdown":{…}}; DingTalk wants a title beside the text, WeCom only the content.
    /// </summary>
    public static string Body(WebhookFormat format, string title, string body, string? link)
    {
        var text = $"### {title}\n\n{body}" + (link is null ? "" : $"\n\n[查看详情]({link})");
        object payload = format == WebhookFormat.DingTalk
            ? new { msgtype = "markdown", markdown = new { title, text } }
            : new { msgtype = "markdown", markdown = new { content = text } };
        return JsonSerializer.Serialize(payload, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// DingTalk's 加签: sign = URL-encode(base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret))), with
    /// the timestamp in milliseconds; both are appended to the URL as &amp;timestamp=…&amp;sign=….
    /// </summary>
    public static string Sign(long timestampMs, string secret)
    {
        var data = timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data));
        return WebUtility.UrlEncode(Convert.ToBase64String(hash));
    }

    public static string SignedUrl(string url, long timestampMs, string secret) =>
        $"{url}{(url.Contains('?') ? '&' : '?')}timestamp={timestampMs.ToString(CultureInfo.InvariantCulture)}&sign={Sign(timestampMs, secret)}";

    /// <summary>
    /// https, or http only to this machine (127.0.0.1, localhost, [::1]) for a relay or a test: a robot's address carries
    /// its access token, which must not cross a network in clear.
    /// </summary>
    public static bool IsAllowedUrl(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo)) return false;
        if (uri.Scheme == Uri.UriSchemeHttps) return true;
        return uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback && (uri.Host is "localhost" or "127.0.0.1" or "[::1]"));
    }
}
