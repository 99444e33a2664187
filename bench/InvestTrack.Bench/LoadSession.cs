using System.Net;
using System.Text.RegularExpressions;

namespace InvestTrack.Bench;

/// <summary>
/// One signed-in browser: its cookies (the sign-in cookie, renewed when the app slides it, and the culture), carried by
/// hand so that a hundred sessions share one connection pool. Signs in through the real login form with its
/// antiforgery token, as a browser does.
/// </summary>
public sealed partial class LoadSession(string account)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private string _header = "";

    public string Account => account;

    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        string header;
        lock (_cookies) header = _header;
        if (header.Length > 0) request.Headers.Add("Cookie", header);
        // The API's guard for writes (docs/decisions/0005-api-csrf.md); harmless on reads.
        request.Headers.Add("X-Requested-With", "InvestTrack");
        return request;
    }

    /// <summary>Keeps what the answer's Set-Cookie headers say (a slid sign-in cookie replaces the old one).</summary>
    public void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        lock (_cookies)
        {
            foreach (var value in values)
            {
                var pair = value.Split(';', 2)[0];
                var at = pair.IndexOf('=');
                if (at <= 0) continue;
                var (name, content) = (pair[..at].Trim(), pair[(at + 1)..].Trim());
                if (content.Length == 0) _cookies.Remove(name);
                else _cookies[name] = content;
            }
            _header = string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = Request(method, path, content);
        var response = await http.SendAsync(request, ct);
        Remember(response);
        return response;
    }

    /// <summary>
    /// Signs in with the login form; a one-time password is changed to <paramref name="newPassword"/> on the way, as the
    /// app demands at a first sign-in. Throws with the app's answer when it refuses.
    /// </summary>
    public static async Task<LoadSession> SignInAsync(HttpClient http, string account, string password, string? newPassword, CancellationToken ct)
    {
        var session = new LoadSession(account);
        var form = await session.SendAsync(http, HttpMethod.Get, "/account/login", null, ct);
        var posted = await session.SendAsync(http, HttpMethod.Post, "/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = TokenOf(await form.Content.ReadAsStringAsync(ct)),
            ["Input.UserName"] = account,
            ["Input.Password"] = password,
        }), ct);
        if (posted.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {account} refused ({(int)posted.StatusCode}); {LoginError(await posted.Content.ReadAsStringAsync(ct))}");
        if (posted.Headers.Location?.OriginalString.EndsWith("/account/change-password", StringComparison.Ordinal) == true)
        {
            if (newPassword is null) throw new InvalidOperationException($"{account} must change a one-time password first");
            var page = await session.SendAsync(http, HttpMethod.Get, "/account/change-password", null, ct);
            var changed = await session.SendAsync(http, HttpMethod.Post, "/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "change-password",
                ["__RequestVerificationToken"] = TokenOf(await page.Content.ReadAsStringAsync(ct)),
                ["Input.Current"] = password,
                ["Input.New"] = newPassword,
                ["Input.Confirm"] = newPassword,
            }), ct);
            if (changed.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"{account}: the new password was refused ({(int)changed.StatusCode})");
        }
        // The session must really be one: the API knows who it is.
        var me = await session.SendAsync(http, HttpMethod.Get, "/api/me", null, ct);
        var body = await me.Content.ReadAsStringAsync(ct);
        if (me.StatusCode != HttpStatusCode.OK || !body.Contains($"\"userName\":\"{account}\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"{account}: /api/me answered {(int)me.StatusCode} {body}");
        return session;
    }

    private static string TokenOf(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token in the form");

    private static string LoginError(string html) =>
        LoginErrorText().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "no message";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)<")]
    private static partial Regex LoginErrorText();
}
