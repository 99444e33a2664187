using Microsoft.AspNetCore.Components.Server.Circuits;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// When the user of a circuit last did something in it (a click, a key, an answer of the browser). An open page left
/// alone is signed out after the idle time of its user's role (SessionCookie.IdleFor), checked every minute by
/// RevalidatingAuthStateProvider. Per circuit: the circuit lives on one instance, and so does this.
/// </summary>
public sealed class CircuitActivity(SessionClock clock) : CircuitHandler
{
    public DateTimeOffset LastActivity { get; private set; } = clock.Now;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            LastActivity = clock.Now;
            return next(context);
        };

    public bool IdleLongerThan(TimeSpan limit) => clock.Now - LastActivity > limit;
}
