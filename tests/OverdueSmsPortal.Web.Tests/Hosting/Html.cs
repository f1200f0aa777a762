using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace OverdueSmsPortal.Web.Tests.Hosting;

/// <summary>Reads server-rendered pages as a browser would (entities decoded, elements queryable).</summary>
public static class Html
{
    public static IHtmlDocument Parse(string markup) => new HtmlParser().ParseDocument(markup);

    public static async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response) =>
        Parse(await response.Content.ReadAsStringAsync());
}
