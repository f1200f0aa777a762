using Microsoft.Extensions.Options;
using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Customers;
using OverdueSmsPortal.Core.Templates;
using OverdueSmsPortal.Infrastructure.Templates;

namespace OverdueSmsPortal.Infrastructure.Campaigns;

/// <summary>The approved text a message is written from: the version's id, tone and Liquid body.</summary>
public sealed record ApprovedText(long VersionId, Tone Tone, string Body);

/// <summary>Writes one customer's message from an approved version, in the lender's name and culture, as of a business day.</summary>
public sealed class MessageWriter(TemplateRenderer renderer, IOptions<LenderOptions> lender)
{
    /// <summary>The message, or null when the version cannot be rendered for this customer.</summary>
    public RenderedMessage? Write(ApprovedText text, Variant variant, Customer customer, DateOnly today)
    {
        var result = renderer.Render(text.Body, TemplateCustomer.From(customer, today), lender.Value.Profile(), lender.Value.Culture());
        return result.Text is { Length: > 0 } body
            ? new RenderedMessage(text.VersionId, variant, text.Tone, body, SmsSize.Measure(body).Parts, today,
                customer.DaysOverdue(today))
            : null;
    }
}
