using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Cli;

/// <summary><c>videobot extract URL [--json]</c>: runs extraction only and prints the media description.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The link to describe" };
        var json = new Option<bool>("--json") { Description = "Print the media description as JSON" };
        var command = new Command("extract", "Describe the media behind a link, without downloading") { url, json };
        command.SetAction((parse, ct) => CliApp.GuardAsync(async () =>
        {
            using var host = CliHost.Build(CliApp.Globals(parse));
            var outcome = await host.Services.GetRequiredService<LinkExtraction>().ExtractAsync(parse.GetValue(url)!, ct);
            if (parse.GetValue(json))
            {
                var document = new
                {
                    plugin = outcome.Plugin.Id,
                    url = outcome.Route.Url!.AbsoluteUri,
                    viaYtDlp = outcome.Via is not null,
                    post = outcome.Post,
                };
                Console.WriteLine(JsonSerializer.Serialize(document, CliJson.Options));
            }
            else
            {
                Print(outcome);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(ExtractionOutcome outcome)
    {
        var post = outcome.Post;
        Console.WriteLine($"plugin:    {outcome.Plugin.Id}{(outcome.Via is null ? "" : " (via yt-dlp)")}");
        Console.WriteLine($"url:       {outcome.Route.Url!.AbsoluteUri}");
        Console.WriteLine($"id:        {post.Id}");
        Line("title", post.Title);
        Line("uploader", post.Uploader);
        Line("duration", post.Duration is { } d ? $"{d.TotalSeconds:0.#} s" : null);
        Line("thumbnail", post.Thumbnail?.AbsoluteUri);
        for (var i = 0; i < post.Items.Count; i++)
        {
            var item = post.Items[i];
            Console.WriteLine($"item {i + 1}: {item.Kind.ToString().ToLowerInvariant()}, {item.Formats.Count} format(s)");
            foreach (var format in item.Formats)
            {
                Console.WriteLine("  " + Describe(format));
            }
        }
    }

    private static void Line(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Console.WriteLine($"{name + ":",-11}{value}");
        }
    }

    internal static string Describe(MediaFormat f)
    {
        var parts = new List<string> { f.FormatId ?? "-", f.Protocol.ToString().ToLowerInvariant(), f.Container ?? "?" };
        if (f.Height is not null)
        {
            parts.Add($"{f.Width}x{f.Height}");
        }

        if (f.Size is { } size)
        {
            parts.Add((f.SizeIsEstimate ? "~" : "") + ConsoleProgress.Size(size));
        }

        if (!f.HasVideo)
        {
            parts.Add("audio only");
        }
        else if (!f.HasAudio)
        {
            parts.Add("video only");
        }

        return string.Join("  ", parts);
    }
}
