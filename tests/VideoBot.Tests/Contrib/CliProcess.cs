using System.Diagnostics;

namespace VideoBot.Tests.Contrib;

/// <summary>What a finished process said.</summary>
internal sealed record ProcessOutput(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the real <c>videobot</c> executable (the host's build output, next to the tests) or any other program as a separate
/// process, as a contributor or operator would from a shell.
/// </summary>
internal static class CliProcess
{
    /// <summary>The host's entry assembly, built next to the tests by the project reference.</summary>
    public static string VideobotDll => typeof(VideoBot.Host.Cli.CliApp).Assembly.Location;

    public static Task<ProcessOutput> VideobotAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunAsync("dotnet", [VideobotDll, .. arguments], workingDirectory, environment);

    public static async Task<ProcessOutput> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A config file named in the test runner's environment must not leak into the commands under test.
        start.Environment.Remove("VIDEOBOT_CONFIG");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // A build left running as a reusable node would hold the output pipes open after the command ends.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // Generous: a loaded 2-core CI machine starting .NET processes.
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        return new ProcessOutput(process.ExitCode, await stdout, await stderr);
    }
}
