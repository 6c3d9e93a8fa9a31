using VideoBot.Tests.Downloading;

namespace VideoBot.Tests.YtDlp;

/// <summary>
/// A real executable that answers like yt-dlp: <c>--version</c>, <c>--help</c> (with or without the 2025.11 and 2024.03
/// options), <c>--list-impersonate-targets</c>; any other call records its arguments (one per line) in <see cref="ArgvFile"/>
/// and fails as an unsupported URL, or runs <c>other</c>.
/// </summary>
internal static class FakeYtDlp
{
    /// <summary>The option lines of yt-dlp 2026.11.23's --help that the engine looks for, as printed.</summary>
    public const string ModernHelp = """
        Usage: yt-dlp [OPTIONS] URL [URL...]

        Options:
          General Options:
            -h, --help                      Print this help text and exit
            --version                       Print program version and exit
            -U, --update                    Check if updates are available. As yt-dlp
            --js-runtimes RUNTIME[:PATH]    Additional JavaScript runtime to enable,
                                            with an optional location for the runtime
            --no-js-runtimes                Clear JavaScript runtimes to enable,
                                            including defaults and those provided by
                                            previous --js-runtimes
            --remote-components COMPONENT   Remote components to allow yt-dlp to fetch
                                            when required. This option is currently not
          Network Options:
            --impersonate CLIENT[:OS]       Client to impersonate for requests. E.g.
                                            chrome, chrome-110, chrome:windows-10. Pass
                                            --impersonate="" to impersonate any client.
            --list-impersonate-targets      List available clients to impersonate.
        """;

    /// <summary>The same part of yt-dlp 2023.03.04's --help: neither option exists yet.</summary>
    public const string OldHelp = """
        Usage: yt-dlp [OPTIONS] URL [URL...]

        Options:
          General Options:
            -h, --help                      Print this help text and exit
            --version                       Print program version and exit
            -U, --update                    Update this program to the latest version
          Network Options:
            --proxy URL                     Use the specified HTTP/HTTPS/SOCKS proxy.
            --socket-timeout SECONDS        Time to wait before giving up, in seconds
        """;

    /// <summary>yt-dlp 2026.11.23's listing without curl_cffi (Debian's package), as printed.</summary>
    public const string NoCurlCffiTargets = """
        [info] Available impersonate targets
        Client    OS   Source
        --------------------------------------------
        Tor       -    curl_cffi>=0.11 (unavailable)
        Edge      -    curl_cffi (unavailable)
        Firefox   -    curl_cffi>=0.10 (unavailable)
        Safari    -    curl_cffi (unavailable)
        Chrome    -    curl_cffi (unavailable)
        """;

    /// <summary>The listing with curl_cffi installed (pip's <c>yt-dlp[default,curl-cffi]</c>).</summary>
    public const string CurlCffiTargets = """
        [info] Available impersonate targets
        Client          OS           Source
        ---------------------------------------
        Chrome-133      Macos-15     curl_cffi
        Chrome-124      Macos-14     curl_cffi
        Safari-18.0     Ios-18.0     curl_cffi
        Firefox-135     Macos-14     curl_cffi
        Tor-14.5        Macos-14     curl_cffi>=0.11 (unavailable)
        """;

    public static string ArgvFile(string folder) => Path.Combine(folder, "argv");

    public static Task<string> WriteAsync(string folder, string version, string help, string targets = "", string? other = null) =>
        StandIn.WriteAsync(folder, $$"""
            for a in "$@"; do
              case "$a" in
                --version) echo '{{version}}'; exit 0 ;;
                --help) cat <<'HELP'
            {{help}}
            HELP
                  exit 0 ;;
                --list-impersonate-targets) cat <<'TARGETS'
            {{targets}}
            TARGETS
                  exit 0 ;;
              esac
            done
            {{other ?? $"printf '%s\\n' \"$@\" > '{ArgvFile(folder)}'\necho 'ERROR: Unsupported URL: x' >&2\nexit 1"}}

            """);

    /// <summary>A folder with a fake yt-dlp in it, deleted afterwards.</summary>
    public static async Task<(TempFolder Folder, string Path)> CreateAsync(string version, string help, string targets = "", string? other = null)
    {
        var folder = new TempFolder();
        return (folder, await WriteAsync(folder.Path, version, help, targets, other));
    }
}
