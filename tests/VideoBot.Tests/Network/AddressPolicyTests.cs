using System.Net;
using VideoBot.Host.Network;

namespace VideoBot.Tests.Network;

public sealed class AddressPolicyTests
{
    [Theory]
    // IPv4
    [InlineData("8.8.8.8", nameof(AddressCategory.Public))]
    [InlineData("93.184.215.14", nameof(AddressCategory.Public))]
    [InlineData("127.0.0.1", nameof(AddressCategory.Loopback))]
    [InlineData("127.255.255.254", nameof(AddressCategory.Loopback))]
    [InlineData("10.1.2.3", nameof(AddressCategory.Private))]
    [InlineData("172.16.0.1", nameof(AddressCategory.Private))]
    [InlineData("172.31.255.255", nameof(AddressCategory.Private))]
    [InlineData("172.32.0.1", nameof(AddressCategory.Public))]
    [InlineData("192.168.1.1", nameof(AddressCategory.Private))]
    [InlineData("169.254.10.20", nameof(AddressCategory.LinkLocal))]
    [InlineData("169.254.169.254", nameof(AddressCategory.CloudMetadata))]
    [InlineData("100.100.100.200", nameof(AddressCategory.CloudMetadata))]
    [InlineData("168.63.129.16", nameof(AddressCategory.CloudMetadata))]
    [InlineData("100.64.0.1", nameof(AddressCategory.SharedAddressSpace))]
    [InlineData("100.127.255.255", nameof(AddressCategory.SharedAddressSpace))]
    [InlineData("100.128.0.1", nameof(AddressCategory.Public))]
    [InlineData("0.0.0.0", nameof(AddressCategory.Unspecified))]
    [InlineData("0.1.2.3", nameof(AddressCategory.Unspecified))]
    [InlineData("224.0.0.1", nameof(AddressCategory.Multicast))]
    [InlineData("239.255.255.250", nameof(AddressCategory.Multicast))]
    [InlineData("255.255.255.255", nameof(AddressCategory.Broadcast))]
    [InlineData("198.18.0.1", nameof(AddressCategory.Reserved))]
    [InlineData("198.19.255.255", nameof(AddressCategory.Reserved))]
    [InlineData("192.0.2.1", nameof(AddressCategory.Reserved))]
    [InlineData("192.0.0.192", nameof(AddressCategory.Reserved))]
    [InlineData("203.0.113.9", nameof(AddressCategory.Reserved))]
    [InlineData("240.0.0.1", nameof(AddressCategory.Reserved))]
    // IPv6
    [InlineData("2606:4700:4700::1111", nameof(AddressCategory.Public))]
    [InlineData("::1", nameof(AddressCategory.Loopback))]
    [InlineData("::", nameof(AddressCategory.Unspecified))]
    [InlineData("fc00::1", nameof(AddressCategory.Private))]
    [InlineData("fd12:3456::1", nameof(AddressCategory.Private))]
    [InlineData("fec0::1", nameof(AddressCategory.Private))]
    [InlineData("fe80::1", nameof(AddressCategory.LinkLocal))]
    [InlineData("fe80::1%2", nameof(AddressCategory.LinkLocal))]
    [InlineData("fd00:ec2::254", nameof(AddressCategory.CloudMetadata))]
    [InlineData("ff02::1", nameof(AddressCategory.Multicast))]
    [InlineData("2001:db8::1", nameof(AddressCategory.Reserved))]
    [InlineData("2001::1", nameof(AddressCategory.Reserved))]
    [InlineData("100::1", nameof(AddressCategory.Reserved))]
    [InlineData("4000::1", nameof(AddressCategory.Reserved))]
    [InlineData("64:ff9b:1::1", nameof(AddressCategory.Private))]
    // IPv6 forms that carry an IPv4 address are judged by it
    [InlineData("::ffff:127.0.0.1", nameof(AddressCategory.Loopback))]
    [InlineData("::ffff:169.254.169.254", nameof(AddressCategory.CloudMetadata))]
    [InlineData("::ffff:10.0.0.1", nameof(AddressCategory.Private))]
    [InlineData("::ffff:8.8.8.8", nameof(AddressCategory.Public))]
    [InlineData("::127.0.0.1", nameof(AddressCategory.Loopback))]
    [InlineData("::ffff:0:192.168.0.1", nameof(AddressCategory.Private))]
    [InlineData("64:ff9b::7f00:1", nameof(AddressCategory.Loopback))]
    [InlineData("64:ff9b::a9fe:a9fe", nameof(AddressCategory.CloudMetadata))]
    [InlineData("64:ff9b::808:808", nameof(AddressCategory.Public))]
    [InlineData("2002:7f00:1::", nameof(AddressCategory.Loopback))]
    [InlineData("2002:c0a8:101::1", nameof(AddressCategory.Private))]
    [InlineData("2002:808:808::1", nameof(AddressCategory.Public))]
    public void Addresses_are_classified_by_what_they_reach(string address, string expected) =>
        Assert.Equal(expected, AddressPolicy.Classify(IPAddress.Parse(address)).ToString());

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("100.64.1.1")]
    [InlineData("2001:db8::1")]
    public void Non_public_addresses_are_forbidden_unless_private_addresses_are_allowed(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.True(new AddressPolicy(allowPrivateAddresses: false).IsForbidden(ip));
        Assert.False(new AddressPolicy(allowPrivateAddresses: true).IsForbidden(ip));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    public void Unspecified_multicast_and_broadcast_stay_forbidden_even_when_private_addresses_are_allowed(string address) =>
        Assert.True(new AddressPolicy(allowPrivateAddresses: true).IsForbidden(IPAddress.Parse(address)));

    [Fact]
    public void A_public_address_is_never_forbidden() =>
        Assert.False(new AddressPolicy(allowPrivateAddresses: false).IsForbidden(IPAddress.Parse("1.1.1.1")));
}
