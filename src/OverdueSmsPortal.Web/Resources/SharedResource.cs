namespace OverdueSmsPortal.Web.Resources;

/// <summary>Marker for the portal's one resource set: SharedResource.resx (zh-CN) and SharedResource.en.resx.</summary>
public sealed class SharedResource;
