using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InvestTrack.Features.ApiTokens;

/// <summary>
/// The OpenAPI document names the two ways into /api: the session cookie of the browser (with the client header on
/// writes), and a personal access token as <c>Authorization: Bearer itk_…</c>, which every /api operation accepts.
/// </summary>
public sealed class BearerOpenApi : IOpenApiDocumentTransformer
{
    public const string SchemeName = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "itk_ + 43 base64url characters",
            Description = "个人访问令牌 personal access token, made on /account/tokens. Read tokens may only GET and HEAD; "
                + "the X-Requested-With header is not needed with a token. Accepted on /api only.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
            }
        }
        return Task.CompletedTask;
    }
}
