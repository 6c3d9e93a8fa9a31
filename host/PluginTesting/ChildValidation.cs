using System.Diagnostics;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginTesting;

/// <summary>
/// Runs <c>videobot validate --here FOLDER</c> in a child process, for assembly plugins: an assembly runs with the host's
/// powers, so one that calls <c>Environment.Exit</c> or overflows its stack during its manifest tests would end whatever
/// process runs them. In a child, that ends the child, and the plugin is refused instead of reaching the serving host.
/// </summary>
internal sealed class ChildValidation(IOptionsMonitor<PluginsOptions> options)
{
    /// <summary>The flag that makes <c>validate</c> run the tests in its own process (the child's side).</summary>
    public const string InProcessFlag = "--here";

    private const int MaxShownOutput = 2_000;

    /// <summary>Null when the child ran every test and they passed; else why the plugin is refused.</summary>
    public async Task<string?> RunAsync(string folder, CancellationToken cancellationToken) =>
        (await RunWithOutputAsync(folder, cancellationToken).ConfigureAwait(false)).Refusal;

    /// <summary>The verdict, and what the child printed (for <c>videobot validate</c> to pass on).</summary>
    public async Task<(string? Refusal, string Output)> RunWithOutputAsync(string folder, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(options.CurrentValue.ValidationTimeoutSeconds);
        using var process = Process.Start(StartInfo(folder))
            ?? throw new InvalidOperationException("the validation process could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return ($"its manifest tests did not finish within {limit.TotalSeconds:0} s", "");
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // The summary line comes after the last test: an exit code 0 without it is a plugin that ended the process.
        if (process.ExitCode == 0 && lines.Any(l => l.Contains(": ok: ", StringComparison.Ordinal)))
        {
            return (null, output);
        }

        if (Array.FindIndex(lines, l => l.Contains(": FAIL: ", StringComparison.Ordinal)) is var at and >= 0)
        {
            var verdict = lines[at][(lines[at].IndexOf(": FAIL: ", StringComparison.Ordinal) + ": FAIL: ".Length)..];
            var details = lines.Skip(at + 1).ToList();
            // "1/2 tests passed" then the tests; or a status (Malfunctioned...) then its reason, as the in-process load says it.
            return (Shown(verdict.EndsWith("tests passed", StringComparison.Ordinal)
                ? $"its manifest tests failed ({verdict}): " + string.Join(" ", details.SkipWhile(l => !l.StartsWith("FAIL", StringComparison.Ordinal)))
                : $"{verdict}: {string.Join(" ", details)}"), output);
        }

        return ($"its manifest tests, run in a separate process, ended that process (exit code {process.ExitCode}) before they finished"
            + (string.IsNullOrWhiteSpace(errors) ? "" : ": " + Shown(errors.Trim())), output);
    }

    private static string Shown(string text) =>
        text.Length <= MaxShownOutput ? text : string.Concat(text.AsSpan(0, MaxShownOutput), "…");

    private ProcessStartInfo StartInfo(string folder)
    {
        // The same executable as this host: the apphost beside the host's assembly (dotnet videobot.dll when there is none).
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "videobot.exe" : "videobot");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "videobot.dll") } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.ArgumentList.Add("validate");
        start.ArgumentList.Add(InProcessFlag);
        start.ArgumentList.Add(Path.GetFullPath(folder));

        // The settings that decide how a plugin loads, as this host has them now (they may come from memory or the command line).
        var current = options.CurrentValue;
        start.Environment["Plugins__AssemblyLoadTimeoutMs"] = current.AssemblyLoadTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Plugins__MaxScriptTimeoutMs"] = current.MaxScriptTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Plugins__Watch"] = "false";
        for (var i = 0; i < current.AllowedAssemblySha256.Count; i++)
        {
            start.Environment[$"Plugins__AllowedAssemblySha256__{i}"] = current.AllowedAssemblySha256[i];
        }

        return start;
    }
}
