namespace OverdueSmsPortal.IntegrationTests.Support;

/// <summary>Reads the log of a server a test started (Kannel, HAProxy) while that server may still be appending to it.</summary>
public static class LogFile
{
    /// <summary>The file's lines; none when the server has not written it yet.</summary>
    public static List<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }
}
