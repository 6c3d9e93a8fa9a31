using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Network;

/// <summary>
/// Checks what data annotations cannot: every origin override maps an http(s) origin to an http(s) origin. Registered with
/// the options (<see cref="NetworkServiceCollectionExtensions.AddVideoBotNetwork"/>), so it runs at the bot's start
/// (<c>ValidateOnStart</c>) and, for operator commands, which never start a host, when the options are first read.
/// </summary>
internal sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static List<string> Problems(NetworkOptions options)
    {
        var problems = new List<string>();
        foreach (var (from, to) in options.OriginOverrides)
        {
            foreach (var (role, value) in new[] { ("key", from), ("target", to) })
            {
                if (!IsOrigin(value))
                {
                    problems.Add(
                        $"Network:OriginOverrides: the {role} '{value}' must be an origin such as https://api.example.com or http://127.0.0.1:8080 (http or https, no path, query or credentials)");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            problems.Add("Network:UserAgent must not be empty");
        }

        return problems;
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.UserInfo.Length == 0
        && uri.AbsolutePath == "/"
        && uri.Query.Length == 0
        && uri.Fragment.Length == 0
        && uri.IdnHost.Length > 0;
}
