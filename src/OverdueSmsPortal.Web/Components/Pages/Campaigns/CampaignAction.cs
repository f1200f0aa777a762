namespace OverdueSmsPortal.Web.Components.Pages.Campaigns;

/// <summary>What a person can do to a campaign from its page.</summary>
public enum CampaignAction
{
    Submit = 1,
    Approve = 2,
    Reject = 3,
    Pause = 4,
    Resume = 5,
    Cancel = 6,
}
