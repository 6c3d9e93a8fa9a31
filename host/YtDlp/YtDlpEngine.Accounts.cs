using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

internal sealed partial class YtDlpEngine
{
    /// <summary>
    /// Runs <paramref name="attempt"/> with the plugin's next cookies account (<see cref="CookieAccounts"/>). When the site refuses
    /// that account, it rests and the attempt runs once more with another ready account: a user's link is not lost to an account
    /// the site has just logged out. Attempts that fail have left nothing behind (no description, no file).
    /// </summary>
    private async Task<T> WithAccountAsync<T>(string? pluginId, Func<CookieAccount?, Task<T>> attempt)
    {
        var account = accounts.Next(pluginId);
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt(account);
            }
            catch (ExtractionException failure) when (account is not null)
            {
                if (accounts.Refused(account, failure) is not { } next || tries == 2)
                {
                    throw;
                }

                account = next;
            }
        }
    }
}
