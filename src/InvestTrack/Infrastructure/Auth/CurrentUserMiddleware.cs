using System.Diagnostics;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>Sets the acting user for an HTTP request.</summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser user)
    {
        user.Set(context.User, context.Connection.RemoteIpAddress?.ToString(), Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
        return next(context);
    }
}

/// <summary>Sets the acting user for a Blazor circuit, and follows changes of its authentication state.</summary>
public sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authentication, CurrentUser user, IHttpContextAccessor http) : CircuitHandler, IDisposable
{
    private string? _address;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _address ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var state = await authentication.GetAuthenticationStateAsync();
        user.Set(state.User, _address);
    }

    private async void OnChanged(Task<AuthenticationState> task)
    {
        try { user.Set((await task).User, _address); }
        catch (InvalidOperationException) { user.Set(new(), _address); }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
