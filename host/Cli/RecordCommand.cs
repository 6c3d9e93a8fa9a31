using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.PluginTesting;

namespace VideoBot.Host.Cli;

/// <summary>
/// <c>videobot record URL [-o DIR] [--name NAME]</c>: records a manifest test for the link (<see cref="TestRecorder"/>: the
/// answers the plugin fetched as fixtures, and what it made of them as <c>expect</c>), prints the test on stdout, ready to paste
/// into the manifest's <c>tests</c>, and says on stderr where the files went.
/// </summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The link to record" };
        var output = new Option<string?>("--output", "-o") { Description = "The plugin folder to save into (default: the plugin's own)" };
        var name = new Option<string?>("--name") { Description = "The test's name (default: the URL)" };
        var command = new Command("record", "Save the answers a plugin fetches for a link as fixtures and a manifest test") { url, output, name };
        command.SetAction((parse, ct) => CliApp.GuardAsync(async () =>
        {
            using var host = CliHost.Build(CliApp.Globals(parse));
            var recorded = await host.Services.GetRequiredService<TestRecorder>()
                .RecordAsync(parse.GetValue(url)!, parse.GetValue(output), parse.GetValue(name), ct);
            Console.WriteLine(recorded.Test);
            await Console.Error.WriteLineAsync(
                $"videobot: {recorded.PluginId}: recorded {recorded.Answers} answer(s) into {Path.Combine(recorded.Directory, "fixtures")}; " +
                $"add {Path.GetFileName(recorded.TestFile)} to the tests of {Path.Combine(recorded.Directory, "plugin.json")}");
            if (recorded.Error is { } error)
            {
                await Console.Error.WriteLineAsync($"videobot: the extraction failed with {error.Kind}: {error.Message}; the test expects that error");
                return ExitCodes.Failed;
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
