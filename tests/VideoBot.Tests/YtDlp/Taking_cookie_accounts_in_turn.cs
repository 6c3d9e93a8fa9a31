using Microsoft.Extensions.Time.Testing;
using VideoBot.Host.Configuration;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.YtDlp;

/// <summary>
/// Several logged-in accounts for one plugin (<c>YtDlp:Cookies:&lt;id&gt;</c> naming a folder of cookies files): runs take them in
/// turn, an account the site refuses rests while the others serve, and a link refused with one account is fetched with the next.
/// </summary>
public sealed class Taking_cookie_accounts_in_turn : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Each_run_takes_the_next_account_of_the_folder_and_other_files_are_not_accounts()
    {
        var accounts = Accounts(WriteAccounts("a", "b", "c"));
        File.WriteAllText(Path.Combine(Folder, "README.md"), "not cookies");
        File.WriteAllText(Path.Combine(Folder, ".draft.txt"), "an editor's leftover");

        Assert.Equal(["a.txt", "b.txt", "c.txt", "a.txt", "b.txt"], Turns(accounts, 5));
    }

    [Fact]
    public void An_account_the_site_refuses_rests_and_comes_back_when_its_rest_is_over()
    {
        var accounts = Accounts(WriteAccounts("a", "b", "c"));
        var b = Account("b");

        var next = accounts.Refused(b, new ExtractionException(ExtractionErrorKind.RateLimited, "HTTP Error 429: Too Many Requests"));

        Assert.NotNull(next);
        Assert.NotEqual(b.File, next.File);
        Assert.DoesNotContain("b.txt", Turns(accounts, 6));
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Contains("b.txt", Turns(accounts, 3));
    }

    [Theory]
    [InlineData("Sign in to confirm you’re not a bot. Use --cookies-from-browser or --cookies for the authentication.")]
    [InlineData("The provided YouTube account cookies are no longer valid. They have likely been rotated in the browser as a security measure.")]
    [InlineData("Requested content is not available, rate-limit reached or login required")]
    public void A_login_wall_with_the_accounts_cookies_rests_that_account(string message)
    {
        var accounts = Accounts(WriteAccounts("a", "b"));

        Assert.Equal("b.txt", Path.GetFileName(accounts.Refused(Account("a"), new ExtractionException(ExtractionErrorKind.LoginRequired, message))?.File));
        Assert.Equal(["b.txt", "b.txt"], Turns(accounts, 2));
    }

    [Theory]
    [InlineData(ExtractionErrorKind.LoginRequired, "Private video. Sign in if you've been granted access to this video")]
    [InlineData(ExtractionErrorKind.LoginRequired, "This video is available to this channel's members-only content")]
    [InlineData(ExtractionErrorKind.NotFound, "Video unavailable")]
    [InlineData(ExtractionErrorKind.Network, "Connection reset by peer")]
    public void A_failure_that_is_the_posts_and_not_the_accounts_rests_nothing(ExtractionErrorKind kind, string message)
    {
        var accounts = Accounts(WriteAccounts("a", "b"));

        Assert.Null(accounts.Refused(Account("a"), new ExtractionException(kind, message)));
        Assert.Equal(["a.txt", "b.txt"], Turns(accounts, 2));
    }

    [Fact]
    public void When_every_account_rests_the_one_that_rested_longest_still_serves()
    {
        var accounts = Accounts(WriteAccounts("a", "b"));
        var refused = new ExtractionException(ExtractionErrorKind.RateLimited, "429");

        Assert.NotNull(accounts.Refused(Account("b"), refused));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(accounts.Refused(Account("a"), refused));

        Assert.Equal(["b.txt", "b.txt"], Turns(accounts, 2));
    }

    [Fact]
    public void One_file_is_one_account_as_before_and_a_refusal_of_it_offers_no_other()
    {
        var file = Path.Combine(WriteAccounts("only"), "only.txt");
        var accounts = Accounts(file);

        Assert.Null(accounts.Refused(accounts.Next("youtube")!, new ExtractionException(ExtractionErrorKind.RateLimited, "429")));
        Assert.Equal(file, accounts.Next("youtube")!.File);
        Assert.Null(accounts.Next("instagram"));
    }

    [Fact]
    public void An_account_dropped_into_the_folder_is_taken_at_the_next_run_without_a_restart()
    {
        var accounts = Accounts(WriteAccounts("a"));
        Assert.Equal(["a.txt", "a.txt"], Turns(accounts, 2));

        WriteAccounts("b");

        Assert.Equal(["a.txt", "b.txt"], Turns(accounts, 2).Order());
    }

    [Fact]
    public void A_folder_without_cookies_files_and_a_missing_path_are_each_a_clear_plugin_fault()
    {
        Directory.CreateDirectory(Folder);

        var empty = Assert.Throws<ExtractionException>(() => Accounts(Folder).Next("youtube"));
        var missing = Assert.Throws<ExtractionException>(() => Accounts(Path.Combine(Folder, "gone.txt")).Next("youtube"));

        Assert.Equal((ExtractionErrorKind.PluginFault, "The cookies folder configured for plugin 'youtube' (YtDlp:Cookies) holds no .txt cookies file."),
            (empty.Kind, empty.Message));
        Assert.Equal((ExtractionErrorKind.PluginFault, "The cookies file configured for plugin 'youtube' (YtDlp:Cookies) does not exist or can't be read."),
            (missing.Kind, missing.Message));
    }

    [Fact]
    public async Task A_link_yt_dlp_is_refused_with_one_account_is_described_with_the_next_and_the_next_link_skips_the_refused_one()
    {
        WriteAccounts("a", "b");
        File.WriteAllText(Path.Combine(Folder, "a.txt"), ".youtube.com\tTRUE\t/\tTRUE\t4102444800\tSID\tblocked-account\n");
        var runs = Path.Combine(_folder.Path, "runs");
        var ytDlp = await StandIn.WriteAsync(_folder.Path, $$"""
            case "$*" in *--version*|*--help*) exit 0;; esac
            while [ $# -gt 0 ]; do [ "$1" = "--cookies" ] && cookies="$2"; shift; done
            grep -o 'SID.*' "$cookies" >> '{{runs}}'
            if grep -q blocked "$cookies"; then
              echo "ERROR: [youtube] dQw4w9WgXcQ: Sign in to confirm you're not a bot. Use --cookies-from-browser or --cookies for the authentication." >&2
              exit 1
            fi
            echo '{"id": "dQw4w9WgXcQ", "title": "Fetched", "formats": [{"format_id": "18", "url": "https://rr1.googlevideo.com/v.mp4", "protocol": "https", "ext": "mp4"}]}'
            """);
        var options = new YtDlpOptions { Path = ytDlp, MetadataTimeoutSeconds = 30, Cookies = { ["youtube"] = Folder } };
        var engine = DownloadTestKit.Engine(options, accounts: Accounts(Folder, options));
        var link = new YtDlpRequest(new Uri("https://www.youtube.com/watch?v=dQw4w9WgXcQ"));

        var first = await engine.ExtractAsync(link, "youtube", CancellationToken.None);
        var second = await engine.ExtractAsync(link, "youtube", CancellationToken.None);

        Assert.Equal(("Fetched", "Fetched"), (first.Title, second.Title));
        Assert.Equal(["SID\tblocked-account", "SID\taccount-b", "SID\taccount-b"], await File.ReadAllLinesAsync(runs));
    }

    private string Folder => Path.Combine(_folder.Path, "accounts");

    private string WriteAccounts(params string[] names)
    {
        Directory.CreateDirectory(Folder);
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(Folder, name + ".txt"), $".youtube.com\tTRUE\t/\tTRUE\t4102444800\tSID\taccount-{name}\n");
        }

        return Folder;
    }

    private CookieAccount Account(string name) => new("youtube", Path.Combine(Folder, name + ".txt"));

    private CookieAccounts Accounts(string path, YtDlpOptions? options = null) =>
        DownloadTestKit.Accounts(options ?? new YtDlpOptions { Cookies = { ["youtube"] = path } }, _time);

    private static List<string> Turns(CookieAccounts accounts, int runs) =>
        [.. Enumerable.Range(0, runs).Select(_ => Path.GetFileName(accounts.Next("youtube")!.File))];
}
