using InvestTrack.Features.Assessment;
using InvestTrack.Features.Jobs;

namespace InvestTrack.Features.SupervisionOrders;

public static class OrderServices
{
    public static IServiceCollection AddSupervisionOrders(this IServiceCollection services)
    {
        services.AddScoped<OrderService>().AddScoped<OrderEscalation>().AddScoped<OrderReports>();
        services.AddSingleton<IAssessmentIndicatorSource, OrdersOnTimeSource>();
        services.AddScheduledJob<OrderEscalationJob>(OrderEscalationJob.Key, new TimeOnly(8, 30));
        return services;
    }
}
