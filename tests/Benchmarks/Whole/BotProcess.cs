using System.Diagnostics;
using System.Globalization;
using VideoBot.FakeTelegram;

namespace VideoBot.Benchmarks.Whole;

/// <summary>
/// The Release build of <c>videobot</c> running the bot against the fake Bot API, with the repository's config.yaml and
/// plugins/, a storage folder of its own, and loopback allowed (the fixture site is on 127.0.0.1). Its memory is read from
/// /proc, as <c>ps</c> would.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    public const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    private readonly Process _process;
    private readonly string _storage;

    private BotProcess(Process process, string storage, DateTimeOffset startedAt)
    {
        _process = process;
        _storage = storage;
        StartedAt = startedAt;
    }

    /// <summary>When the process was started, on the clock the fake stamps requests with.</summary>
    public DateTimeOffset StartedAt { get; }

    public static BotProcess Start(FakeBotApiServer telegram, IReadOnlyDictionary<string, string>? settings = null)
    {
        var storage = Path.Combine(Path.GetTempPath(), "videobot-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var start = new ProcessStartInfo(BenchPaths.Videobot) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.Environment["VIDEOBOT_CONFIG"] = BenchPaths.Config;
        start.Environment["TELEGRAM_BOT_TOKEN"] = Token;
        start.Environment["Telegram__ApiBaseUrl"] = telegram.ApiBaseUrl;
        start.Environment["Network__AllowPrivateAddresses"] = "true";
        start.Environment["Storage__Directory"] = storage;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var startedAt = DateTimeOffset.UtcNow;
        var process = Process.Start(start)!;
        // Drained so a chatty log never blocks the bot on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BotProcess(process, storage, startedAt);
    }

    /// <summary>Resident set now (VmRSS), in MB.</summary>
    public double ResidentMb => ReadStatusMb("VmRSS");

    /// <summary>The private part of the resident set (RssAnon: heaps, JIT code, stacks), without mapped files, in MB.</summary>
    public double PrivateMb => ReadStatusMb("RssAnon");

    /// <summary>The largest resident set so far (VmHWM), in MB.</summary>
    public double PeakResidentMb => ReadStatusMb("VmHWM");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_storage, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private double ReadStatusMb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kb = double.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024;
            }
        }

        throw new InvalidOperationException($"{field} not in /proc/{_process.Id}/status");
    }
}
