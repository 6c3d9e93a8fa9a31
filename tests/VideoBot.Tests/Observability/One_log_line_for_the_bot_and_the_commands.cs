using System.Text.Json;
using VideoBot.FakeTelegram;
using VideoBot.Tests.Cli;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Observability;

/// <summary>
/// The bot and the operator commands log through one set-up (Serilog, the same line and the same <c>Serilog</c> settings):
/// the bot on stdout, a command on stderr, where it stays out of the command's own output.
/// </summary>
public sealed class One_log_line_for_the_bot_and_the_commands
{
    // "HH:mm:ss LVL Category: message"
    private const string LinePattern = @"^\d{2}:\d{2}:\d{2} (VRB|DBG|INF|WRN|ERR|FTL) [A-Za-z0-9_.]+: \S";

    private static readonly Dictionary<string, string> InformationLevel = new() { ["Serilog__MinimumLevel__Default"] = "Information" };

    [Fact]
    public async Task A_commands_log_line_reads_as_the_bots_and_its_json_on_stdout_stays_pure()
    {
        var command = await VideobotProcess.RunAsync(["plugins", "--json"], InformationLevel);
        Assert.True(command.ExitCode == 0, command.ToString());
        using (JsonDocument.Parse(command.Stdout))
        {
        }

        var commandLine = CatalogLine(command.Stderr, "the command's stderr");

        await using var telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = BotHarness.Token });
        using var storage = new TempFolder();
        var environment = VideobotProcess.BotEnvironment(telegram, storage.Path);
        foreach (var (name, value) in InformationLevel)
        {
            environment[name] = value;
        }

        await using var bot = VideobotProcess.Start([], environment);
        // The bot reads its plugins when first asked: /help lists the platforms.
        var ana = telegram.AddUser("Ana");
        telegram.SendUserMessage(telegram.PrivateChat(ana), ana, "/help");
        await bot.UnlessExitedAsync(telegram.WaitForAsync(() => telegram.Messages(ana.Id).FirstOrDefault(), TimeSpan.FromSeconds(60), "the answer to /help"));
        var printed = await bot.StopAsync();
        var botLine = CatalogLine(printed[..printed.IndexOf("\nstderr:\n", StringComparison.Ordinal)], "the bot's stdout\n" + printed);

        Assert.Matches(LinePattern, botLine);
        Assert.Matches(LinePattern, commandLine);
        Assert.Equal(botLine[9..], commandLine[9..]); // past the time: level, category and message alike
    }

    [Fact]
    public async Task A_command_logs_nothing_below_warning_by_default()
    {
        var command = await VideobotProcess.RunAsync(["plugins", "--json"]);

        Assert.True(command.ExitCode == 0, command.ToString());
        Assert.Equal("", command.Stderr);
    }

    private static string CatalogLine(string output, string where)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Contains(" Plugin bluesky ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one catalog line for bluesky in {where}:\n{output}");
        return lines[0];
    }
}
