using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Features.Account.TwoFactor;
using InvestTrack.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>The app with the system admin's second factor required (the default policy, narrowed for this class).</summary>
public sealed class TwoFactorFixture() : BrowserFixture(new Dictionary<string, string> { [TwoFactorPolicy.Key] = "SystemAdmin" });

/// <summary>
/// Issue 14 item 2: an administrator is sent to enrol after the password, enrols an authenticator (the test reads the
/// secret off the page and computes the codes as an app would), signs out, signs in with a code, and a used code is refused.
/// </summary>
public sealed partial class TwoFactorJourneyTests(TwoFactorFixture fixture) : IClassFixture<TwoFactorFixture>
{
    [Fact]
    public async Task An_administrator_enrols_signs_in_with_a_code_and_a_used_code_is_refused()
    {
        await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await login.FillAndSubmitAsync("admin", TestApp.Password);

        // Held at enrolment: the QR code and the secret as text.
        await Expect(page).ToHaveURLAsync(new Regex("/account/security$"));
        await Expect(page.GetByTestId("setup-required")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("totp-qr").Locator("svg")).ToBeVisibleAsync();
        var secret = Base32.Decode(await page.GetByTestId("totp-secret").InnerTextAsync())!;
        Assert.Equal(Totp.SecretSize, secret.Length);
        await Artifacts.ScreenshotAsync(page, "two-factor-enrolment.png");

        var enrolStep = Totp.StepOf(DateTimeOffset.UtcNow);
        await page.GetByTestId("enrol-code").FillAsync(Totp.Code(secret, enrolStep));
        await page.GetByTestId("enrol-submit").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(RecoveryCodes.Count);
        await Expect(page.GetByTestId("recovery-download")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "two-factor-recovery-codes.png");
        // The copy button puts exactly the ten codes shown, one a line, on the clipboard, and says so.
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var shown = await page.GetByTestId("recovery-codes").Locator("li").AllInnerTextsAsync();
        await page.GetByTestId("recovery-copy").ClickAsync();
        await Expect(page.GetByTestId("recovery-copy")).ToHaveTextAsync("已复制");
        Assert.Equal(string.Join('\n', shown.Select(c => c.Trim())), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.GetByTestId("setup-continue").ClickAsync();
        var shell = new Shell(page);
        await Expect(shell.CurrentUser).ToBeVisibleAsync();
        await shell.WaitForInteractiveAsync();
        await shell.LogoutAsync();

        // The password, then the code page; Enter submits the code.
        await login.OpenAsync();
        await login.FillAndSubmitAsync("admin", TestApp.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor"));
        var code = page.GetByTestId("two-factor-code");
        await Expect(code).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(code).ToHaveAttributeAsync("inputmode", "numeric");
        var signInCode = Totp.Code(secret, Math.Max(Totp.StepOf(DateTimeOffset.UtcNow), enrolStep + 1));
        await code.FillAsync(signInCode);
        await code.PressAsync("Enter");
        await Expect(shell.CurrentUser).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await shell.WaitForInteractiveAsync();
        await shell.LogoutAsync();

        // The same code once more: refused, with the one message for every wrong code.
        await login.OpenAsync();
        await login.FillAndSubmitAsync("admin", TestApp.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor"));
        await page.GetByTestId("two-factor-code").FillAsync(signInCode);
        await page.GetByTestId("two-factor-submit").ClickAsync();
        await Expect(page.GetByTestId("two-factor-error")).ToContainTextAsync("验证码不正确或已使用过");
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor"));
        await Expect(page.GetByTestId("use-recovery-code")).ToBeVisibleAsync();
    }
}
