namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>
/// Collects progress reports as they are made, on the reporting thread (unlike <see cref="Progress{T}"/>,
/// which posts them later), and runs <paramref name="onReport"/> for each.
/// </summary>
public sealed class RecordingProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly List<T> reports = [];

    public IReadOnlyList<T> Reports => reports;

    public void Report(T value)
    {
        reports.Add(value);
        onReport?.Invoke(value);
    }
}
