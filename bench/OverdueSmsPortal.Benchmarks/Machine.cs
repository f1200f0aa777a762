namespace OverdueSmsPortal.Benchmarks;

/// <summary>What else the machine is doing: figures taken while others build are not comparable to a quiet run.</summary>
internal static class Machine
{
    private const string LoadAverage = "/proc/loadavg";

    public static void PrintLoad(TextWriter output)
    {
        var load = File.Exists(LoadAverage) ? string.Join(' ', File.ReadAllText(LoadAverage).Split(' ').Take(3)) : "unknown";
        output.WriteLine($"-- {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss}  {Environment.ProcessorCount} CPUs  load average (1/5/15 min) {load}");
    }
}
