using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Hosting;
using VideoBot.Host.Jobs;
using VideoBot.Host.Admission;
using VideoBot.Host.Messages;
using VideoBot.Host.Observability;
using VideoBot.Host.Admission.RateLimiting;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Pipeline.Output;
using VideoBot.Host.Telegram.Commands;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Telegram.Groups;
using VideoBot.Host.Telegram.Hosting;
using VideoBot.Host.Telegram.Inline;
using VideoBot.Host.Telegram.Output;
using VideoBot.Host.Telegram.Playlists;

namespace VideoBot.Host.Telegram;

/// <summary>Registers the Telegram bot on top of the core services (<c>AddVideoBotCore</c>).</summary>
internal static class TelegramServiceCollectionExtensions
{
    public static IServiceCollection AddVideoBotTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(_ => MessageCatalog.LoadEmbedded());
        services.AddVideoBotLimits();
        services.AddVideoBotRateLimiting(configuration);
        services.AddVideoBotObservability();
        services.AddSingleton(sp => TelegramClientFactory.Create(
            sp.GetRequiredService<IOptions<TelegramOptions>>(), sp.GetRequiredService<IOptions<RateLimitOptions>>().Value));
        services.AddSingleton(sp => new BotDatabase(Path.Combine(sp.GetRequiredService<HostPaths>().StorageDirectory, "bot.db")));
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<UserSettingsStore>();
        services.AddVideoBotCaching(configuration);

        services.AddSingleton<BotIdentity>();
        services.AddSingleton<TelegramRetry>();
        services.AddSingleton<UpdateQueue>();
        services.AddSingleton<JobTracker>();
        services.AddSingleton<UpdateDispatcher>();
        services.AddSingleton<MessageHandler>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<SettingsCommand>();
        services.AddSingleton<ClipCommand>();
        services.AddSingleton<LinkSubmitter>();
        services.AddSingleton<JobStarter>();
        services.AddSingleton<Choices.PendingChoices>();
        services.AddSingleton<Choices.QualityPrompt>();
        services.AddSingleton<Choices.QualityButtons>();
        services.AddSingleton<AdminCommands>();
        services.AddSingleton<StatusCommand>();
        services.AddSingleton<AdminNotifier>();

        // The pipeline, and this adapter's side of it: status messages, uploads, replies, playlist offers.
        services.AddVideoBotPipeline();
        services.AddSingleton<Uploader>();
        services.AddSingleton<IStatusOutput, StatusMessages>();
        services.AddSingleton<ILeftoverMessages, LeftoverMessages>();
        services.AddSingleton<IMediaSender, TelegramMediaSender>();
        services.AddSingleton<IChatReplies, TelegramReplies>();
        services.AddSingleton<CancelButton>();
        services.AddSingleton<ChatActions>();
        services.AddSingleton<ChatSettingsStore>();
        services.AddSingleton<AutodetectCommand>();
        services.AddSingleton<QuietFailures>();
        services.AddSingleton<DeepLinks>();
        services.AddSingleton<InlineAnswers>();
        services.AddSingleton<PlaylistStore>();
        services.AddSingleton<PlaylistBatches>();
        services.AddSingleton<PlaylistOffers>();
        services.AddSingleton<IPlaylistOffers>(sp => sp.GetRequiredService<PlaylistOffers>());
        services.AddSingleton<PlaylistButtons>();

        // Start order matters: jobs stop last (hosted services stop in reverse), after intake has ended; the job queue's
        // leases outlive the jobs, to release what shutdown interrupted. TempCleanup (AddVideoBotLimits) starts before them
        // all: it removes leftovers while no job can run yet.
        services.AddVideoBotJobs(configuration);
        services.AddVideoBotJobRecovery();
        services.AddHostedService(sp => sp.GetRequiredService<JobTracker>());
        services.AddHostedService<UpdateWorkers>();
        services.AddHostedService<BotStartup>();
        services.AddHostedService<PollingService>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminNotifier>());
        return services;
    }

    /// <summary>Maps the webhook endpoint when the bot runs in webhook mode.</summary>
    public static WebApplication MapVideoBotTelegram(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (options.Mode == TelegramMode.Webhook)
        {
            app.MapTelegramWebhook(options);
        }

        return app;
    }
}
