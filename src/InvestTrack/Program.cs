using InvestTrack.Data;
using InvestTrack.Infrastructure.CommandLine;
using InvestTrack.Infrastructure.Hosting;

// One program: a verb on the command line runs it and exits; otherwise the web app starts.
try
{
    if (Verbs.IsVerb(args)) return await Verbs.RunAsync(args);
    await WebApp.Build(args).RunAsync();
    return 0;
}
catch (ConfigurationException e)
{
    Console.Error.WriteLine($"配置错误 / configuration error: {e.Message}");
    return 2;
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // A configured value that its section refuses (Statistics:* thresholds, the dispatch template).
    Console.Error.WriteLine($"配置错误 / configuration error: {string.Join("; ", e.Failures)}");
    return 2;
}
catch (InvalidOperationException e) when (e.Source == "Microsoft.Extensions.Configuration.Binder")
{
    // A value of the wrong type, such as Security:PasswordMinLength=abc: the binder's message names key and value.
    Console.Error.WriteLine($"配置错误 / configuration error: {e.Message}");
    return 2;
}
catch (DatabaseUnavailableException e)
{
    Console.Error.WriteLine($"数据库不可用 / database unavailable: {e.Message}");
    return 3;
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"地址已被占用 / address already in use: {ListenAddress.Of(e)} — 请停止占用它的程序，或用 --urls、ASPNETCORE_URLS 或 ASPNETCORE_HTTP_PORTS 另选地址 / stop the program that uses it, or choose another address with --urls, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS");
    return 4;
}

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
