using Microsoft.Extensions.Logging;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Network;

/// <summary>
/// The outermost handler of a plugin's client: the request timeout (headers and body together), the response size cap (on the
/// body as it is read: see <see cref="CappedContent"/>), and the translation of every failure into what the SDK promises: refusals → <see cref="ExtractionErrorKind.PermissionDenied"/>,
/// DNS/connect/timeout/IO failures → <see cref="ExtractionErrorKind.Network"/>. Cancellation by the caller stays a cancellation,
/// and an <see cref="ExtractionException"/> raised below (a replay transport's "no fixture for ...") is the SDK's already and passes as it is.
/// </summary>
internal sealed class PluginBoundaryHandler(string pluginId, long maxResponseBytes, TimeSpan timeout, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var what = $"{request.Method} {UrlText.Of(request.RequestUri)}";
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            deadline.Dispose();
            throw TimedOut(what, timeout, e);
        }
        catch (Exception e) when (Translate(e, what) is { } translated)
        {
            deadline.Dispose();
            if (translated.Kind == ExtractionErrorKind.PermissionDenied)
            {
                NetworkLog.PluginRequestRefused(logger, pluginId, translated.Message);
            }

            throw translated;
        }
        catch
        {
            deadline.Dispose();
            throw;
        }

        // The cap is on bytes read, never on a length only declared: a HEAD (or a 204/304) has no body to read, and a script that
        // asks only for the headers of a large media file must see them (the generic plugin's HEAD on a direct link).
        var bodyExpected = request.Method != HttpMethod.Head
            && response.StatusCode is not (System.Net.HttpStatusCode.NoContent or System.Net.HttpStatusCode.NotModified);
        response.Content = new CappedContent(response.Content, maxResponseBytes, bodyExpected, deadline, what, timeout);
        return response;
    }

    /// <summary>The SDK exception for a failure, or null for ones that are not the network's (bugs, caller mistakes).</summary>
    internal static ExtractionException? Translate(Exception exception, string what)
    {
        if (exception is ExtractionException)
        {
            return null;
        }

        if (NetworkPolicyException.Find(exception) is { } policy)
        {
            return new ExtractionException(ExtractionErrorKind.PermissionDenied, policy.Message, policy);
        }

        return exception is HttpRequestException or IOException or TimeoutException
            ? new ExtractionException(ExtractionErrorKind.Network, $"{what} failed: {Innermost(exception).Message}", exception)
            : null;
    }

    internal static ExtractionException TimedOut(string what, TimeSpan timeout, Exception inner) =>
        new(ExtractionErrorKind.Network, $"{what} timed out after {timeout.TotalSeconds:0.#} s", inner);

    internal static string Size(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024.0:0.#} KB";

    // "An error occurred while sending the request" says nothing; the socket error under it ("Connection refused") does.
    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
