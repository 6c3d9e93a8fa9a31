using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Downloading;
using VideoBot.Host.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;

namespace VideoBot.Host.Cli;

/// <summary><c>videobot get URL [-o DIR]</c>: extracts, downloads every item with a progress bar, prints the saved paths.</summary>
internal static class GetCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The link to download" };
        var output = new Option<string>("--output", "-o") { Description = "The folder to save into (default: the current one)", DefaultValueFactory = _ => "." };
        var audio = new Option<bool>("--audio") { Description = "Sound only" };
        var maxSize = new Option<int>("--max-size") { Description = "Largest file to fetch, in MB", DefaultValueFactory = _ => 2000 };
        var command = new Command("get", "Download the media behind a link into a folder") { url, output, audio, maxSize };
        command.SetAction((parse, ct) => CliApp.GuardAsync(async () =>
        {
            using var host = CliHost.Build(CliApp.Globals(parse));
            var outcome = await host.Services.GetRequiredService<LinkExtraction>().ExtractAsync(parse.GetValue(url)!, ct);
            var directory = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(directory);
            var preferences = new FormatPreferences(parse.GetValue(maxSize) * 1024L * 1024, parse.GetValue(audio));
            var downloader = host.Services.GetRequiredService<IMediaDownloader>();

            for (var i = 0; i < outcome.Post.Items.Count; i++)
            {
                var baseName = SafeName(outcome.Post.Id) + (outcome.Post.IsCarousel ? $"-{i + 1}" : "");
                var file = await DownloadItemAsync(downloader, outcome, outcome.Post.Items[i], preferences, directory, baseName, ct);
                Console.WriteLine(file.Path);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Tries the ranked formats in turn: one that turns out too large gives way to the next.</summary>
    private static async Task<DownloadedFile> DownloadItemAsync(
        IMediaDownloader downloader, ExtractionOutcome outcome, MediaItem item, FormatPreferences preferences,
        string directory, string baseName, CancellationToken ct)
    {
        var ranked = FormatSelector.Rank(item, preferences);
        if (ranked.Count == 0)
        {
            throw new MediaTooLargeException(preferences.MaxBytes, item.Formats.Min(f => f.Size));
        }

        MediaTooLargeException? tooLarge = null;
        foreach (var format in ranked)
        {
            var progress = new ConsoleProgress();
            try
            {
                var request = new DownloadRequest(format, outcome.Via, directory, baseName, preferences.MaxBytes);
                var file = await downloader.DownloadAsync(request, progress, ct);
                progress.Done();
                return file;
            }
            catch (MediaTooLargeException ex)
            {
                progress.Done();
                tooLarge = ex;
            }
        }

        throw tooLarge!;
    }

    /// <summary>Our own file name from the site's id: nothing a site sends decides a path.</summary>
    internal static string SafeName(string id)
    {
        var chars = id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(64).ToArray();
        return chars.Length == 0 ? "media" : new string(chars).TrimStart('-', '_') is { Length: > 0 } s ? s : "media";
    }
}
