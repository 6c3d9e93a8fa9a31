using VideoBot.Host.Downloading;
using VideoBot.Host.Media;

namespace VideoBot.Host.Cli;

/// <summary>A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal.</summary>
internal sealed class ConsoleProgress : IProgress<DownloadProgress>
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private string _last = "";

    public void Report(DownloadProgress value)
    {
        if (!_interactive)
        {
            return;
        }

        var line = Format(value);
        if (line == _last)
        {
            return;
        }

        _last = line;
        Console.Error.Write("\r" + line.PadRight(Console.WindowWidth > 1 ? Math.Min(Console.WindowWidth - 1, 100) : 80));
    }

    public void Done()
    {
        if (_interactive && _last.Length > 0)
        {
            Console.Error.WriteLine();
        }
    }

    internal static string Format(DownloadProgress p)
    {
        if (p.Stage == DownloadStage.Merging)
        {
            return "merging…";
        }

        var speed = $"{Size(p.BytesPerSecond)}/s";
        if (p.Total is > 0 and var total)
        {
            var fraction = Math.Clamp((double)p.Bytes / total, 0, 1);
            var filled = (int)(fraction * Width);
            return $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction:P0} of {Size(total)} at {speed}";
        }

        return $"{Size(p.Bytes)} at {speed}";
    }

    internal static string Size(double bytes) => bytes switch
    {
        >= 1024 * 1024 * 1024 => $"{bytes / (1024 * 1024 * 1024):0.0} GB",
        >= 1024 * 1024 => $"{bytes / (1024 * 1024):0.0} MB",
        >= 1024 => $"{bytes / 1024:0} KB",
        _ => $"{bytes:0} B",
    };
}
