using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using OverdueSmsPortal.Infrastructure.Identity;

namespace OverdueSmsPortal.Web.Account;

/// <summary>Sign-out, which must be a POST so that a link elsewhere cannot sign a user out.</summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async Task<IResult> (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signIn) =>
        {
            // No form fields are bound, so the framework does not check the token by itself.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LoginPath);
        })
        .ExcludeFromDescription();
}
