using VideoBot.Host.Jobs;
using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline.Output;
using VideoBot.Host.Routing;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// The route stage: which plugins claim the link, found once for the whole job (extraction takes this route as it is). A
/// link that is not a URL, or that no plugin claims, is answered at once; a playlist, channel or profile is offered in
/// batches (<see cref="IPlaylistOffers"/>), each video then a link of its own. Only a link to one post goes on.
/// </summary>
internal sealed class RouteStage(IRouter router, IChatReplies replies, IPlaylistOffers playlists, MessageCatalog messages, BotStats stats)
{
    /// <summary>The route to go on with; null when the link was answered here (its outcome recorded on <paramref name="job"/>).</summary>
    public async Task<RouteResult?> RouteAsync(LinkRequest request, ObservedJob job, CancellationToken cancellationToken)
    {
        var route = router.Route(request.Link);
        if (route.Url is null)
        {
            await replies.AnswerAsync(request, messages.Html(request.Language, "error.malformed_link", ("link", Shorten(request.Link))), cancellationToken);
            stats.Failure();
            job.Finish("malformed");
            return null;
        }

        if (route.Candidates.Count == 0)
        {
            await replies.AnswerAsync(request, messages.Html(request.Language, "error.unsupported_link", ("host", route.Url.Host)), cancellationToken);
            stats.Failure();
            job.Finish("unsupported");
            return null;
        }

        job.SetPlatform(route.Candidates[0].Plugin.Id);
        if (PlaylistLinks.PlaylistOf(route) is { } playlist)
        {
            await playlists.OfferAsync(request, playlist, cancellationToken);
            job.Finish("playlist");
            return null;
        }

        return route;
    }

    private static string Shorten(string link) => link.Length <= 200 ? link : link[..200] + "…";
}
