using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Limits;

/// <summary>Each limit, through the whole bot: what the user is told, and that the refused work is not done.</summary>
public sealed class Refusing_work_over_the_limits : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(startBot: false);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task StartAsync(params (string Key, string Value)[] settings)
    {
        foreach (var (key, value) in settings)
        {
            _bot.Set(key, value);
        }

        await _bot.StartBotAsync();
    }

    /// <summary>Turns on "Ask each time" through /settings, as a user does.</summary>
    private async Task AskQualityEachTimeAsync(VideoBot.FakeTelegram.State.FakeUser user)
    {
        _bot.Say(user, "/settings");
        var menu = await _bot.ReplyAsync(user, m => m.ReplyMarkup is not null);
        var press = _bot.Telegram.SendCallbackQuery(_bot.Telegram.PrivateChat(user), user, menu.MessageId, "s:ask:1");
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.CallbackAnswer(press) is { } a ? new[] { a } : null, TimeSpan.FromSeconds(20));
    }

    private static bool IsFinalText(VideoBot.FakeTelegram.State.FakeMessage m) =>
        m.Kind == "text" && m.Text is { } t && t != "Extracting…" && !t.StartsWith("Downloading", StringComparison.Ordinal) && t != "Uploading…";

    [Fact]
    public async Task A_user_over_the_link_rate_is_told_when_to_try_again_and_nothing_is_fetched()
    {
        await StartAsync(("RateLimits:UserBurst", "1"), ("RateLimits:UserPeriodSeconds", "3600"));
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.AddPage("first", "First"));
        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        _bot.Say(user, _bot.Site.AddPage("second", "Second"));
        var reply = await _bot.ReplyAsync(user, m => m.Kind == "text" && m.Text!.StartsWith("You're", StringComparison.Ordinal));

        Assert.Matches(@"^You're sending links faster than I can take them\.\nTry again in (59|60) min\.$", reply.Text);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/second"));
    }

    [Fact]
    public async Task The_link_rate_is_per_user_so_another_user_is_still_served()
    {
        await StartAsync(("RateLimits:UserBurst", "1"), ("RateLimits:UserPeriodSeconds", "3600"));
        var ana = _bot.Telegram.AddUser("Ana");
        var ion = _bot.Telegram.AddUser("Ion");
        _bot.Say(ana, _bot.Site.AddPage("a", "A"));
        await _bot.ReplyAsync(ana, m => m.Kind == "video");

        _bot.Say(ion, _bot.Site.AddPage("b", "B"));

        await _bot.ReplyAsync(ion, m => m.Kind == "video");
    }

    [Fact]
    public async Task Admins_are_exempt_from_the_link_rate()
    {
        var admin = _bot.Telegram.AddUser("Boss");
        await StartAsync(("RateLimits:UserBurst", "1"), ("RateLimits:UserPeriodSeconds", "3600"), ("Telegram:AdminIds:0", admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        _bot.Say(admin, _bot.Site.AddPage("one", "One"));
        await _bot.ReplyAsync(admin, m => m.Kind == "video" && m.Caption!.StartsWith("One", StringComparison.Ordinal));
        _bot.Say(admin, _bot.Site.AddPage("two", "Two"));
        await _bot.ReplyAsync(admin, m => m.Kind == "video" && m.Caption!.StartsWith("Two", StringComparison.Ordinal));

        Assert.DoesNotContain(_bot.Telegram.Messages(admin.Id), m => m.Text?.StartsWith("You're", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Romanian_users_are_told_the_rate_limit_in_Romanian()
    {
        await StartAsync(("RateLimits:UserBurst", "1"), ("RateLimits:UserPeriodSeconds", "30"));
        var user = _bot.Telegram.AddUser("Ion", languageCode: "ro");
        _bot.Say(user, _bot.Site.AddPage("ro1", "Unu"));
        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        _bot.Say(user, _bot.Site.AddPage("ro2", "Doi"));
        var reply = await _bot.ReplyAsync(user, m => m.Kind == "text" && m.Text!.StartsWith("Trimiți", StringComparison.Ordinal));

        Assert.Matches(@"^Trimiți linkuri mai repede decât le pot prelua\.\nÎncearcă din nou peste \d+ s\.$", reply.Text);
    }

    [Fact]
    public async Task A_full_queue_answers_busy_with_a_time_to_try_again()
    {
        await StartAsync(("Limits:MaxConcurrentJobs", "1"), ("Limits:MaxQueuedJobs", "0"));
        _bot.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(500);
        var ana = _bot.Telegram.AddUser("Ana");
        var ion = _bot.Telegram.AddUser("Ion");
        _bot.Say(ana, _bot.Site.AddPage("slow", "Slow", media: "/media/slow.mp4", durationSeconds: 8));
        await _bot.ReplyAsync(ana, m => m.Kind == "text" && m.Text!.StartsWith("Downloading", StringComparison.Ordinal));

        _bot.Say(ion, _bot.Site.AddPage("later", "Later"));
        var reply = await _bot.ReplyAsync(ion, m => m.Kind == "text");
        _bot.Say(ana, "/cancel");
        await _bot.IdleAsync();

        Assert.Matches(@"^I'm busy right now \(1 downloads in progress or waiting\)\.\nTry again in \d+ s\.$", reply.Text);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/later"));
    }

    [Fact]
    public async Task A_second_job_of_a_busy_platform_waits_for_a_free_slot_then_runs()
    {
        await StartAsync(("Limits:MaxJobsPerPlatform", "1"));
        _bot.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(300);
        var ana = _bot.Telegram.AddUser("Ana");
        var ion = _bot.Telegram.AddUser("Ion");
        _bot.Say(ana, _bot.Site.AddPage("slow1", "Slow", media: "/media/slow.mp4", durationSeconds: 8));
        await _bot.ReplyAsync(ana, m => m.Kind == "text" && m.Text!.StartsWith("Downloading", StringComparison.Ordinal));

        _bot.Say(ion, _bot.Site.AddPage("next", "Next"));
        await _bot.ReplyAsync(ion, m => m.Kind == "text" && m.Text == "Waiting for a free slot…");
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/next"));

        await _bot.ReplyAsync(ana, m => m.Kind == "video", seconds: 60);
        await _bot.ReplyAsync(ion, m => m.Kind == "video", seconds: 60);
    }

    [Fact]
    public async Task A_link_answered_from_the_cache_takes_no_slot_so_a_download_does_not_hold_it_up()
    {
        await StartAsync(("Limits:MaxConcurrentJobs", "1"));
        var eva = _bot.Telegram.AddUser("Eva");
        var ana = _bot.Telegram.AddUser("Ana");
        var ion = _bot.Telegram.AddUser("Ion");
        var cached = _bot.Site.AddPage("cached", "Cached");
        _bot.Say(eva, cached);
        await _bot.ReplyAsync(eva, m => m.Kind == "video");
        await _bot.IdleAsync();

        _bot.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(500);
        _bot.Say(ana, _bot.Site.AddPage("long", "Long", media: "/media/slow.mp4", durationSeconds: 8));
        await _bot.ReplyAsync(ana, m => m.Kind == "text" && m.Text!.StartsWith("Downloading", StringComparison.Ordinal));
        _bot.Say(ion, cached);
        await _bot.ReplyAsync(ion, m => m.Kind == "video");

        // The only slot is still Ana's: her download has not finished, and Ion's answer came from the cache.
        Assert.DoesNotContain(_bot.Telegram.Messages(ana.Id), m => m.Kind == "video");
        Assert.Equal(1, _bot.Site.RequestsFor("/watch/cached"));
        _bot.Say(ana, "/cancel");
        await _bot.IdleAsync();
    }

    [Fact]
    public async Task Users_joining_a_download_in_progress_do_not_fill_the_queue()
    {
        // One slot and room for one link to wait for it: Ion joins Ana's download rather than waiting for the slot, so
        // Eva still finds the queue empty (counting every job, she would be told "busy").
        await StartAsync(("Limits:MaxConcurrentJobs", "1"), ("Limits:MaxQueuedJobs", "1"));
        _bot.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(300);
        var url = _bot.Site.AddPage("popular", "Popular", media: "/media/slow.mp4", durationSeconds: 8);
        var people = new[] { "Ana", "Ion", "Eva" }.Select(name => _bot.Telegram.AddUser(name)).ToList();
        _bot.Say(people[0], url);
        await _bot.ReplyAsync(people[0], m => m.Kind == "text" && m.Text!.StartsWith("Downloading", StringComparison.Ordinal));

        foreach (var user in people.Skip(1))
        {
            _bot.Say(user, url);
        }

        var videos = await Task.WhenAll(people.Select(u => _bot.ReplyAsync(u, m => m.Kind == "video", seconds: 60)));
        Assert.All(people, u => Assert.DoesNotContain(_bot.Telegram.Messages(u.Id), m => m.Text?.StartsWith("I'm busy", StringComparison.Ordinal) == true));
        Assert.Single(videos.Select(v => v.FileId).Distinct());
        Assert.Equal(1, _bot.Site.RequestsFor("/media/slow.mp4"));
    }

    [Fact]
    public async Task A_platform_over_its_rate_is_named_with_a_time_to_try_again()
    {
        await StartAsync(("RateLimits:PlatformBurst", "1"), ("RateLimits:PlatformPeriodSeconds", "600"), ("RateLimits:PlatformMaxWaitSeconds", "0"));
        var ana = _bot.Telegram.AddUser("Ana");
        var ion = _bot.Telegram.AddUser("Ion");
        _bot.Say(ana, _bot.Site.AddPage("p1", "One"));
        await _bot.ReplyAsync(ana, m => m.Kind == "video");

        _bot.Say(ion, _bot.Site.AddPage("p2", "Two"));
        var status = await _bot.ReplyAsync(ion, IsFinalText);

        Assert.Matches(@"^I've asked 127\.0\.0\.1 for a lot recently and must slow down so it doesn't block me\.\nTry again in 10 min\.$", status.Text);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/p2"));
    }

    [Fact]
    public async Task A_quality_question_takes_its_platforms_rate_like_a_job_and_is_refused_over_it()
    {
        await StartAsync(("RateLimits:PlatformBurst", "1"), ("RateLimits:PlatformPeriodSeconds", "600"), ("RateLimits:PlatformMaxWaitSeconds", "0"));
        var ana = _bot.Telegram.AddUser("Ana");
        var ion = _bot.Telegram.AddUser("Ion");
        await AskQualityEachTimeAsync(ion);
        _bot.Say(ana, _bot.Site.AddPage("q1", "One"));
        await _bot.ReplyAsync(ana, m => m.Kind == "video");

        _bot.Say(ion, _bot.Site.AddPage("q2", "Two"));
        // The first answer to the link: the refusal, or (before the question took the rate) the question itself.
        var answer = await _bot.ReplyAsync(ion, m => m.Text is { } t && (t.StartsWith("I've asked", StringComparison.Ordinal) || t == "Which one should I send?"));

        Assert.Matches(@"^I've asked 127\.0\.0\.1 for a lot recently and must slow down so it doesn't block me\.\nTry again in 10 min\.$", answer.Text);
        Assert.Null(answer.ReplyMarkup);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/q2"));
    }

    [Fact]
    public async Task Over_the_temporary_disk_quota_no_job_starts_and_the_user_is_told()
    {
        await StartAsync(("Limits:TempQuotaMb", "1"));
        var temp = Path.Combine(_bot.StorageDirectory, "tmp", "job-other");
        Directory.CreateDirectory(temp);
        await File.WriteAllBytesAsync(Path.Combine(temp, "big.bin"), new byte[2 * 1024 * 1024]);
        var user = _bot.Telegram.AddUser("Ana");

        _bot.Say(user, _bot.Site.AddPage("disk", "Disk"));
        var status = await _bot.ReplyAsync(user, IsFinalText);

        Assert.Equal("I'm short of disk space right now.\nTry again in 5 min.", status.Text);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/disk"));
    }

    [Fact]
    public async Task Leftovers_of_an_earlier_run_are_removed_at_start()
    {
        var leftover = Path.Combine(_bot.StorageDirectory, "tmp", "job-killed");
        Directory.CreateDirectory(leftover);
        await File.WriteAllTextAsync(Path.Combine(leftover, "item1.part"), "half a video");
        await File.WriteAllTextAsync(Path.Combine(_bot.StorageDirectory, "tmp", "stray.tmp"), "x");

        await StartAsync();

        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_bot.StorageDirectory, "tmp")));
    }

    [Fact]
    public async Task More_links_than_allowed_are_cut_to_the_limit_and_the_user_is_told()
    {
        await StartAsync(("Telegram:MaxLinksPerMessage", "1"));
        var user = _bot.Telegram.AddUser("Ana");
        var first = _bot.Site.AddPage("l1", "First");
        var second = _bot.Site.AddPage("l2", "Second");

        _bot.Say(user, first + " " + second);
        var note = await _bot.ReplyAsync(user, m => m.Kind == "text" && m.Text!.StartsWith("That message", StringComparison.Ordinal));
        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        Assert.Equal("That message has more than 1 links; I'll fetch the first 1.\nSend the others in another message.", note.Text);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/l2"));
    }
}
