using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;

namespace OverdueSmsPortal.Web.Account;

/// <summary>Sign-out, which must be a POST so that a link elsewhere cannot sign a user out.</summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async Task<IResult> (HttpContext context, IAntiforgery antiforgery, PortalSignIn signIn) =>
        {
            // No form fields are bound, so the framework does not check the token by itself.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }
            await signIn.SignOutAsync(context.User.Identity?.Name, context.User.FindFirstValue(ClaimTypes.NameIdentifier));
            return TypedResults.LocalRedirect(LoginPath);
        })
        .ExcludeFromDescription();
}
