using VideoBot.Host.Caching;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

public sealed class Confirming_updates_only_once_stored : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task An_update_whose_job_cannot_be_stored_stays_with_Telegram_and_is_done_once_the_store_is_back()
    {
        var user = _bot.Telegram.AddUser("Ana");
        var url = _bot.Site.AddPage("held", "Held");
        var database = new BotDatabase(Path.Combine(_bot.StorageDirectory, "bot.db"));
        await using (var connection = await database.OpenAsync(default))
        {
            // Another writer holds the database: the bot cannot store the job (it gives up after its busy timeout).
            await using (var begin = connection.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }

            var polls = Polls();
            _bot.Say(user, url);
            // Two more polls: had the bot confirmed the update, the second would have told Telegram to forget it.
            await _bot.Telegram.WaitForAsync(() => Polls() >= polls + 2 ? "polled" : null, TimeSpan.FromSeconds(60), "two more getUpdates");

            Assert.Equal(1, _bot.Telegram.PendingUpdateCount);
            Assert.Empty(_bot.Telegram.Messages(user.Id));
            await using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await _bot.ReplyAsync(user, m => m.Kind == "video", seconds: 60);
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.PendingUpdateCount == 0 ? "confirmed" : null, TimeSpan.FromSeconds(30), "the confirmation");
        await _bot.IdleAsync();

        Assert.Equal(["video"], _bot.Telegram.Messages(user.Id).Select(m => m.Kind));
    }

    private int Polls() => _bot.Telegram.Requests.Count(r => r.Method == "getUpdates");
}
