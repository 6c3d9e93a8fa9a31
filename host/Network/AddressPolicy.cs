using System.Net;
using System.Net.Sockets;

namespace VideoBot.Host.Network;

/// <summary>
/// The private-address rule: which IP addresses a request may connect to. Addresses that embed an IPv4 address
/// (IPv4-mapped, IPv4-compatible, SIIT, 6to4, NAT64) are judged by the embedded address, so <c>::ffff:127.0.0.1</c>
/// or <c>2002:7f00:1::</c> cannot slip past as "IPv6".
/// </summary>
internal sealed class AddressPolicy(bool allowPrivateAddresses)
{
    /// <summary>The ranges, most specific first: the first match decides.</summary>
    private static readonly (IPNetwork Network, AddressCategory Category)[] V4Ranges =
    [
        (Net("169.254.169.254/32"), AddressCategory.CloudMetadata),
        (Net("100.100.100.200/32"), AddressCategory.CloudMetadata),
        // Azure's WireServer: a public-looking address that only answers from inside the VM.
        (Net("168.63.129.16/32"), AddressCategory.CloudMetadata),
        (Net("255.255.255.255/32"), AddressCategory.Broadcast),
        (Net("0.0.0.0/8"), AddressCategory.Unspecified),
        (Net("127.0.0.0/8"), AddressCategory.Loopback),
        (Net("10.0.0.0/8"), AddressCategory.Private),
        (Net("172.16.0.0/12"), AddressCategory.Private),
        (Net("192.168.0.0/16"), AddressCategory.Private),
        (Net("169.254.0.0/16"), AddressCategory.LinkLocal),
        (Net("100.64.0.0/10"), AddressCategory.SharedAddressSpace),
        (Net("224.0.0.0/4"), AddressCategory.Multicast),
        (Net("192.0.0.0/24"), AddressCategory.Reserved),   // IETF protocol assignments (incl. Oracle's 192.0.0.192 metadata)
        (Net("192.0.2.0/24"), AddressCategory.Reserved),   // TEST-NET-1
        (Net("192.88.99.0/24"), AddressCategory.Reserved), // old 6to4 relay anycast
        (Net("198.18.0.0/15"), AddressCategory.Reserved),  // benchmarking
        (Net("198.51.100.0/24"), AddressCategory.Reserved), // TEST-NET-2
        (Net("203.0.113.0/24"), AddressCategory.Reserved), // TEST-NET-3
        (Net("240.0.0.0/4"), AddressCategory.Reserved),
    ];

    private static readonly (IPNetwork Network, AddressCategory Category)[] V6Ranges =
    [
        (Net("fd00:ec2::254/128"), AddressCategory.CloudMetadata),
        (Net("::/128"), AddressCategory.Unspecified),
        (Net("::1/128"), AddressCategory.Loopback),
        (Net("64:ff9b:1::/48"), AddressCategory.Private),   // local-use NAT64 (RFC 8215)
        (Net("fc00::/7"), AddressCategory.Private),
        (Net("fec0::/10"), AddressCategory.Private),       // deprecated site-local
        (Net("fe80::/10"), AddressCategory.LinkLocal),
        (Net("ff00::/8"), AddressCategory.Multicast),
        (Net("100::/64"), AddressCategory.Reserved),       // discard-only
        (Net("2001::/32"), AddressCategory.Reserved),      // Teredo: tunnels to an IPv4 address we cannot judge
        (Net("2001:2::/48"), AddressCategory.Reserved),    // benchmarking
        (Net("2001:10::/28"), AddressCategory.Reserved),   // ORCHID
        (Net("2001:20::/28"), AddressCategory.Reserved),   // ORCHIDv2
        (Net("2001:db8::/32"), AddressCategory.Reserved),  // documentation
        (Net("3fff::/20"), AddressCategory.Reserved),      // documentation (RFC 9637)
    ];

    private static readonly IPNetwork GlobalUnicast = Net("2000::/3");

    /// <summary>Every range the tables name (not the embedded-IPv4 forms, nor IPv6 outside 2000::/3): for comparison in tests.</summary>
    internal static IEnumerable<(IPNetwork Network, AddressCategory Category)> NamedRanges => V4Ranges.Concat(V6Ranges);

    public bool AllowPrivateAddresses { get; } = allowPrivateAddresses;

    /// <summary>
    /// True when a connection to <paramref name="address"/> must be refused. With <see cref="AllowPrivateAddresses"/> only the
    /// addresses no TCP connection can sensibly go to (unspecified, multicast, broadcast) stay forbidden.
    /// </summary>
    public bool IsForbidden(IPAddress address)
    {
        var category = Classify(address);
        return AllowPrivateAddresses
            ? category is AddressCategory.Multicast or AddressCategory.Broadcast or AddressCategory.Unspecified
            : category != AddressCategory.Public;
    }

    /// <summary>Classifies an address, judging IPv6 forms that embed an IPv4 address by that address.</summary>
    public static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyV4(address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return AddressCategory.Reserved;
        }

        if (EmbeddedV4(address) is { } embedded)
        {
            return ClassifyV4(embedded);
        }

        // Scope ids do not change what the address is; strip them so the range tables compare plain bytes.
        var plain = address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
        foreach (var (network, category) in V6Ranges)
        {
            if (network.Contains(plain))
            {
                return category;
            }
        }

        // Everything outside 2000::/3 is unassigned or special: not the public internet.
        return GlobalUnicast.Contains(plain) ? AddressCategory.Public : AddressCategory.Reserved;
    }

    /// <summary>"a loopback address", for refusal messages.</summary>
    public static string Describe(AddressCategory category) => category switch
    {
        AddressCategory.Public => "a public address",
        AddressCategory.Loopback => "a loopback address",
        AddressCategory.Private => "a private address",
        AddressCategory.LinkLocal => "a link-local address",
        AddressCategory.CloudMetadata => "a cloud metadata address",
        AddressCategory.SharedAddressSpace => "a carrier-grade NAT address",
        AddressCategory.Unspecified => "an unspecified address",
        AddressCategory.Multicast => "a multicast address",
        AddressCategory.Broadcast => "a broadcast address",
        _ => "a reserved address",
    };

    /// <summary>The IPv4 address an IPv6 address stands for, when it is one of the forms that embed one.</summary>
    private static IPAddress? EmbeddedV4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 are IPv6's own and handled by the table.
        if (b[..12].IndexOfAnyExcept((byte)0) < 0 && (b[12] | b[13]) != 0)
        {
            return new IPAddress(b[12..]);
        }

        // ::ffff:0:a.b.c.d (SIIT, RFC 6052/7915).
        if (b[..8].IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)
        {
            return new IPAddress(b[12..]);
        }

        // 64:ff9b::a.b.c.d (well-known NAT64 prefix, /96).
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b[12..]);
        }

        // 2002:aabb:ccdd::/48 (6to4) carries a.b.c.d in bytes 2..5.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b[2..6]);
        }

        return null;
    }

    private static AddressCategory ClassifyV4(IPAddress address)
    {
        foreach (var (network, category) in V4Ranges)
        {
            if (network.Contains(address))
            {
                return category;
            }
        }

        return AddressCategory.Public;
    }

    private static IPNetwork Net(string cidr) => IPNetwork.Parse(cidr);
}
