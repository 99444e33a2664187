using System.Text.Json;
using InvestTrack.Features.Notifications;

namespace InvestTrack.UnitTests.Notifications;

/// <summary>The robot formats, DingTalk's signature (checked against a value computed with Python's hmac), and allowed addresses.</summary>
public class WebhookMessageTests
{
    [Fact]
    public void DingTalk_sign_is_url_encoded_base64_of_hmac_sha256_over_timestamp_newline_secret()
    {
        // python3: base64.b64encode(hmac.new(b"SECabc", b"1700000000000\nSECabc", hashlib.sha256).digest())
        Assert.Equal("jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM%3D", WebhookMessage.Sign(1700000000000, "SECabc"));
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM%3D",
            WebhookMessage.SignedUrl("https://oapi.dingtalk.com/robot/send?access_token=t", 1700000000000, "SECabc"));
    }

    [Fact]
    public void Both_robots_get_markdown()
    {
        using var ding = JsonDocument.Parse(WebhookMessage.Body(WebhookFormat.DingTalk, "2026年11月下旬旬预警", "红色3项", "https://it.example/warnings"));
        Assert.Equal("markdown", ding.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("2026年11月下旬旬预警", ding.RootElement.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Equal("### 2026年11月下旬旬预警\n\n红色3项\n\n[查看详情](https://it.example/warnings)", ding.RootElement.GetProperty("markdown").GetProperty("text").GetString());
        using var wecom = JsonDocument.Parse(WebhookMessage.Body(WebhookFormat.WeCom, "标题", "正文", null));
        Assert.Equal("### 标题\n\n正文", wecom.RootElement.GetProperty("markdown").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("https://oapi.dingtalk.com/robot/send?access_token=x", true)]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", true)]
    [InlineData("http://127.0.0.1:8080/robot", true)]
    [InlineData("http://localhost/robot", true)]
    [InlineData("http://[::1]:9000/robot", true)]
    [InlineData("http://oapi.dingtalk.com/robot/send", false)]
    [InlineData("http://10.0.0.5/robot", false)]
    [InlineData("http://127.0.0.2/robot", false)]
    [InlineData("http://127.0.0.1.example.com/robot", false)]
    [InlineData("https://user:pass@oapi.dingtalk.com/robot", false)]
    [InlineData("ftp://127.0.0.1/robot", false)]
    [InlineData("/robot", false)]
    [InlineData("", false)]
    public void Only_https_or_loopback_http(string url, bool allowed) => Assert.Equal(allowed, WebhookMessage.IsAllowedUrl(url));
}
