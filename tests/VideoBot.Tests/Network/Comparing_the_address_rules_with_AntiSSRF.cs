using System.Net;
using System.Net.Sockets;
using Microsoft.Security.AntiSSRF;
using VideoBot.Host.Network;

namespace VideoBot.Tests.Network;

/// <summary>
/// The egress address rule (<see cref="AddressPolicy"/>, private addresses not allowed) held against Microsoft's AntiSSRF
/// (<c>ExternalOnlyLatest</c>, the ranges Microsoft recommends for a client of untrusted URLs). The rule stays ours: this
/// only shows that an address either refuses is refused by both, or that the difference is listed below with its reason.
/// AntiSSRF's verdict on an address is its handler's (a request to the address, refused before any connection); for the
/// addresses it lets through, its published ranges are read instead, so the test never connects anywhere.
/// </summary>
public sealed class Comparing_the_address_rules_with_AntiSSRF : IDisposable
{
    private const string NotInternal = "public anycast (PCP/TURN 2001:1::/48, AMT 2001:3::/32, AS112 2001:4:112::/48) or drone tags (DETs 2001:30::/28): "
        + "globally reachable in IANA's registry, nothing inside a network. Of 2001::/23 this rule refuses what tunnels or is not "
        + "globally reachable (Teredo, benchmarking, ORCHID, ORCHIDv2); Microsoft denies all of it";

    private const string As112 = "AS112: public anycast servers answering reverse DNS for private ranges, globally reachable in IANA's registry";

    private const string Compatible = "IPv4-compatible ::a.b.c.d (deprecated, RFC 4291): judged here by the IPv4 address it carries; "
        + "Microsoft lists only :: itself";

    private const string Unassigned = "outside 2000::/3, the only IPv6 block handed out for the internet: unassigned, so refused here; "
        + "Microsoft lists the special-purpose ranges only";

    private static readonly AddressPolicy Ours = new(allowPrivateAddresses: false);

    private static readonly IPNetwork[] MicrosoftRanges =
        [.. new AntiSSRFPolicy(PolicyConfigOptions.ExternalOnlyLatest).DeniedAddresses.Select(r => IPNetwork.Parse(r))];

    private readonly HttpClient _antiSsrf;

    public Comparing_the_address_rules_with_AntiSSRF()
    {
        // Plain HTTP allowed, so only the address can be the reason for a refusal.
        var policy = new AntiSSRFPolicy(PolicyConfigOptions.ExternalOnlyLatest) { AllowPlainTextHttp = true };
        var handler = policy.GetHandler();
        handler.ConnectTimeout = TimeSpan.FromSeconds(2);
        handler.AllowAutoRedirect = false;
        _antiSsrf = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
    }

    public void Dispose() => _antiSsrf.Dispose();

    /// <summary>An address in each range both rules know, and what it is.</summary>
    public static TheoryData<string, string> BlockedByBoth => new()
    {
        { "127.0.0.1", "loopback" },
        { "127.255.255.254", "loopback" },
        { "::1", "loopback" },
        { "0.0.0.0", "unspecified (reaches this machine on Linux)" },
        { "0.255.255.255", "this network" },
        { "::", "unspecified" },
        { "10.0.0.1", "private" },
        { "10.255.255.254", "private" },
        { "172.16.0.1", "private" },
        { "172.31.255.254", "private" },
        { "192.168.0.1", "private" },
        { "192.168.255.254", "private" },
        { "fc00::1", "unique local" },
        { "fd12:3456::1", "unique local" },
        { "fec0::1", "site-local (deprecated)" },
        { "64:ff9b:1::1", "local-use NAT64" },
        { "169.254.0.1", "link-local" },
        { "169.254.169.254", "instance metadata (AWS, GCP, Azure, OpenStack)" },
        { "fd00:ec2::254", "instance metadata (AWS, IPv6)" },
        { "100.100.100.200", "instance metadata (Alibaba), in carrier-grade NAT" },
        { "168.63.129.16", "Azure WireServer" },
        { "fe80::1", "link-local" },
        { "fe80::1%2", "link-local with a scope" },
        { "100.64.0.1", "carrier-grade NAT" },
        { "100.127.255.254", "carrier-grade NAT" },
        { "224.0.0.1", "multicast" },
        { "239.255.255.250", "multicast (SSDP)" },
        { "ff02::1", "multicast" },
        { "ff05::1:3", "multicast (DHCP)" },
        { "255.255.255.255", "broadcast" },
        { "240.0.0.1", "reserved" },
        { "192.0.0.8", "IETF protocol assignments (dummy)" },
        { "192.0.0.192", "IETF protocol assignments (Oracle Cloud metadata)" },
        { "192.0.2.1", "documentation" },
        { "198.51.100.7", "documentation" },
        { "203.0.113.9", "documentation" },
        { "2001:db8::1", "documentation" },
        { "3fff::1", "documentation" },
        { "198.18.0.1", "benchmarking" },
        { "198.19.255.254", "benchmarking" },
        { "2001:2::1", "benchmarking" },
        { "192.88.99.1", "6to4 relay anycast (deprecated)" },
        { "2001:10::1", "ORCHID (deprecated)" },
        { "2001:20::1", "ORCHIDv2" },
        { "100::1", "discard-only" },
        { "100:0:0:1::1", "dummy" },
        { "5f00::1", "SRv6 SIDs" },
        { "2001::1", "Teredo" },
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo" },
        { "::ffff:127.0.0.1", "IPv4-mapped loopback" },
        { "::ffff:10.0.0.1", "IPv4-mapped private" },
        { "::ffff:169.254.169.254", "IPv4-mapped metadata" },
        { "::ffff:100.64.0.1", "IPv4-mapped carrier-grade NAT" },
        { "64:ff9b::7f00:1", "NAT64 of loopback" },
        { "64:ff9b::a9fe:a9fe", "NAT64 of metadata" },
        { "2002:7f00:1::", "6to4 of loopback" },
        { "2002:a9fe:a9fe::", "6to4 of metadata" },
        { "2002:c0a8:101::", "6to4 of 192.168.1.1" },
    };

    /// <summary>Microsoft's range, an address in it that this rule lets through, and why.</summary>
    public static TheoryData<string, string, string> BlockedOnlyByMicrosoft => new()
    {
        {
            "64:ff9b::/96", "64:ff9b::808:808",
            "NAT64's well-known prefix: the network's NAT64 gateway carries it to the IPv4 address inside, which this rule judges "
            + "instead (8.8.8.8, public), so a bot on an IPv6-only network still reaches IPv4 sites; Microsoft denies the whole prefix"
        },
        { "2002::/16", "2002:808:808::1", "6to4: judged here by the IPv4 address it carries (8.8.8.8, public); Microsoft denies the whole prefix" },
        { "2001::/23", "2001:1::1", NotInternal },
        { "2001::/23", "2001:3::1", NotInternal },
        { "2001::/23", "2001:4:112::1", NotInternal },
        { "2001::/23", "2001:30::1", NotInternal },
        { "192.31.196.0/24", "192.31.196.1", As112 },
        { "192.175.48.0/24", "192.175.48.1", As112 },
        { "2620:4f:8000::/48", "2620:4f:8000::1", As112 },
        { "192.52.193.0/24", "192.52.193.1", "AMT relays (RFC 7450): public anycast, globally reachable in IANA's registry" },
    };

    /// <summary>Addresses this rule refuses that none of Microsoft's ranges holds, and why.</summary>
    public static TheoryData<string, string> BlockedOnlyHere => new()
    {
        { "::127.0.0.1", Compatible },
        { "::10.0.0.1", Compatible },
        { "::ffff:0:192.168.0.1", "SIIT ::ffff:0:a.b.c.d (RFC 7915): judged here by the IPv4 address it carries; Microsoft lists no such prefix" },
        { "4000::1", Unassigned },
        { "e000::1", Unassigned },
    };

    [Theory]
    [MemberData(nameof(BlockedByBoth))]
    public async Task An_address_in_each_range_both_know_is_refused_by_both(string address, string what)
    {
        var ip = IPAddress.Parse(address);

        Assert.True(Ours.IsForbidden(ip), $"{address} ({what}) is allowed here");
        Assert.True(await MicrosoftRefusesAsync(ip), $"{address} ({what}) is allowed by AntiSSRF");
    }

    [Theory]
    [MemberData(nameof(BlockedOnlyByMicrosoft))]
    public async Task An_address_only_Microsoft_refuses_is_listed_with_its_reason(string range, string address, string reason)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Contains(MicrosoftRanges, r => r.ToString() == range && r.Contains(ip));
        Assert.False(Ours.IsForbidden(ip), $"{address} is refused here too: no longer a difference");
        Assert.True(await MicrosoftRefusesAsync(ip), $"{address} is allowed by AntiSSRF: no longer a difference");
    }

    [Theory]
    [MemberData(nameof(BlockedOnlyHere))]
    public void An_address_only_this_rule_refuses_is_listed_with_its_reason(string address, string reason)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.True(Ours.IsForbidden(ip), $"{address} is allowed here");
        Assert.DoesNotContain(MicrosoftRanges, r => r.Contains(ip));
    }

    [Fact]
    public void Every_range_Microsoft_denies_is_refused_here_at_its_edges_and_middle_unless_listed()
    {
        var listed = BlockedOnlyByMicrosoft.Select(row => (string)row[0]).ToHashSet();

        var allowedHere = MicrosoftRanges
            .Where(range => !listed.Contains(range.ToString()))
            .SelectMany(range => Samples(range).Where(ip => !Ours.IsForbidden(ip)).Select(ip => $"{ip} in {range}"))
            .ToList();

        Assert.Empty(allowedHere);
    }

    [Fact]
    public void Every_range_this_rule_names_is_denied_by_Microsoft_too()
    {
        var allowedByMicrosoft = AddressPolicy.NamedRanges
            .SelectMany(named => Samples(named.Network).Where(ip => !MicrosoftRanges.Any(r => r.Contains(ip))).Select(ip => $"{ip} ({named.Category})"))
            .ToList();

        Assert.NotEmpty(AddressPolicy.NamedRanges);
        Assert.Empty(allowedByMicrosoft);
    }

    /// <summary>
    /// True when AntiSSRF's handler refuses a request to the address for the address's sake. Only addresses it is expected to
    /// refuse come here: it refuses before connecting.
    /// </summary>
    private async Task<bool> MicrosoftRefusesAsync(IPAddress address)
    {
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            // .NET's resolver, which the handler calls first, refuses 0.0.0.0 and :: as targets (an ArgumentException)
            // before the policy is asked; the published ranges answer for them.
            return MicrosoftRanges.Any(r => r.Contains(address));
        }

        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address.ToString().Replace("%", "%25", StringComparison.Ordinal)}]" : address.ToString();
        try
        {
            using var response = await _antiSsrf.GetAsync(new Uri($"http://{host}:9/"));
            return false;
        }
        catch (AntiSSRFException e) when (e.Message.StartsWith("The connection to", StringComparison.Ordinal))
        {
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A range's first and last address and the one halfway, each inside it.</summary>
    private static IEnumerable<IPAddress> Samples(IPNetwork range)
    {
        var first = range.BaseAddress.GetAddressBytes();
        var last = (byte[])first.Clone();
        var middle = (byte[])first.Clone();
        for (var bit = range.PrefixLength; bit < first.Length * 8; bit++)
        {
            last[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        if (range.PrefixLength < first.Length * 8)
        {
            middle[range.PrefixLength / 8] |= (byte)(0x80 >> (range.PrefixLength % 8));
        }

        return new[] { first, middle, last }.Select(b => new IPAddress(b)).Distinct();
    }
}
