using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

/// <summary>
/// The line an event page shows, from its records only: 共有150人参会，现场签约项目18个，签约金额152.76亿元 — the
/// amount summed exactly (stored hundredths) and shown in 亿元 with two decimals rounded half up (Kernel/Money).
/// </summary>
public static class EventLine
{
    public static string Format(IStringLocalizer<NetworkResource> t, int participants, int signings, long signedAmount)
    {
        var people = participants > 0 ? t["Event.Line.Participants", participants].Value : null;
        var signed = signings > 0 ? t["Event.Line.Signings", signings, Money.FormatYi(signedAmount)].Value : t["Event.Line.NoSignings"].Value;
        return people is null ? signed : people + DisplayFormat.Comma + signed;
    }
}
