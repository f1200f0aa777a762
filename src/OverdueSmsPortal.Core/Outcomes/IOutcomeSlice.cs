using OverdueSmsPortal.Core.Campaigns;
using OverdueSmsPortal.Core.Templates;

namespace OverdueSmsPortal.Core.Outcomes;

/// <summary>
/// What the dashboard filters by, which a message and a roll-up row both carry: the campaign,
/// segment, template version, variant and tone it belongs to.
/// </summary>
public interface IOutcomeSlice
{
    long CampaignId { get; }
    long SegmentId { get; }
    long? TemplateVersionId { get; }
    Variant Variant { get; }
    Tone Tone { get; }
}

/// <summary>A slice that also knows the customer's region and product as they were when the message was planned.</summary>
public interface IRegionalOutcomeSlice : IOutcomeSlice
{
    string Region { get; }
    Customers.LoanProduct Product { get; }
}
