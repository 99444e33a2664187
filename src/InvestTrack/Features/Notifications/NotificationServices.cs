namespace InvestTrack.Features.Notifications;

public static class NotificationServices
{
    /// <summary>The sender, inbox and delivery; the background <see cref="OutboxProcessor"/> is added by the web app only.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddHttpClient(OutboxDelivery.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<INotificationSender, NotificationSender>();
        services.AddScoped<InboxService>().AddScoped<WebhookAdmin>().AddScoped<OutboxDelivery>();
        return services;
    }
}
