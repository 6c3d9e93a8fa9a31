namespace VideoBot.Host.Network;

/// <summary>What kind of address an IP address is, for the private-address rule.</summary>
internal enum AddressCategory
{
    /// <summary>A globally routable unicast address: always allowed.</summary>
    Public,
    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,
    /// <summary>10/8, 172.16/12, 192.168/16, fc00::/7 (unique local), fec0::/10 (old site-local), 64:ff9b:1::/48 (local NAT64).</summary>
    Private,
    /// <summary>169.254/16, fe80::/10.</summary>
    LinkLocal,
    /// <summary>Cloud instance-metadata endpoints: 169.254.169.254, fd00:ec2::254, 100.100.100.200, 168.63.129.16.</summary>
    CloudMetadata,
    /// <summary>100.64/10, carrier-grade NAT: the provider's network, not the internet.</summary>
    SharedAddressSpace,
    /// <summary>0.0.0.0/8 and ::; connecting to 0.0.0.0 reaches the local machine on Linux.</summary>
    Unspecified,
    /// <summary>224/4, ff00::/8.</summary>
    Multicast,
    /// <summary>255.255.255.255.</summary>
    Broadcast,
    /// <summary>Documentation, benchmarking, IETF-reserved and other ranges that are not on the public internet.</summary>
    Reserved,
}
