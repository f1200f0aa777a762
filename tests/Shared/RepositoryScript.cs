using System.Diagnostics;

namespace OverdueSmsPortal.Tests.Shared;

/// <summary>A script of the repository's scripts/ folder that exited with an error: its exit code and what it said.</summary>
public sealed class RepositoryScriptException(string script, int exitCode, string complaint)
    : Exception($"scripts/{script} failed (exit {exitCode}): {complaint}")
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Runs one of the repository's scripts (scripts/…) with bash, no stdin, within a deadline.</summary>
public static class RepositoryScript
{
    /// <param name="script">The path under scripts/, e.g. <c>kannel/start.sh</c>.</param>
    /// <returns>What the script printed on standard output.</returns>
    public static async Task<string> RunAsync(string script, TimeSpan deadline, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(PortalProcess.RepositoryRoot, "scripts", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"bash did not start for {script}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/{script} did not finish within {deadline.TotalSeconds:0} s.");
        }
        var (printed, complaint) = (await stdout, await stderr);
        if (process.ExitCode != 0)
        {
            throw new RepositoryScriptException(script, process.ExitCode, complaint.Trim());
        }
        return printed;
    }

    /// <summary>The <c>NAME=value</c> lines a start script printed whose names begin with <paramref name="prefix"/> (a value may be in single quotes).</summary>
    public static Dictionary<string, string> Settings(string printed, string prefix) =>
        printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2 && pair[0].StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''));
}
