using VideoBot.Host.Routing;

namespace VideoBot.Host.Pipeline.Output;

/// <summary>
/// Answers a link the route marked a playlist, channel or profile (<see cref="Stages.PlaylistLinks"/>): instead of a download,
/// the user is offered its videos in batches, each of which becomes a job of its own.
/// </summary>
internal interface IPlaylistOffers
{
    Task OfferAsync(LinkRequest request, RouteCandidate playlist, CancellationToken cancellationToken);
}
