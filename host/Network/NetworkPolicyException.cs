namespace VideoBot.Host.Network;

/// <summary>
/// A request the gateway refused by rule: a forbidden address, scheme or host, or credentials in the URL. It is an
/// <see cref="HttpRequestException"/> so host code that handles network failures still handles it; plugin clients turn it
/// into <c>ExtractionException(PermissionDenied)</c>.
/// </summary>
internal sealed class NetworkPolicyException(string message) : HttpRequestException(message)
{
    /// <summary>The policy refusal inside <paramref name="exception"/> or its inner exceptions (the socket handler wraps ours).</summary>
    public static NetworkPolicyException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NetworkPolicyException policy)
            {
                return policy;
            }
        }

        return null;
    }
}
