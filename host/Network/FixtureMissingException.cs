namespace VideoBot.Host.Network;

/// <summary>A request the fixture replay has no recorded answer for; plugins see it as <c>ExtractionException(Network)</c> with this message.</summary>
internal sealed class FixtureMissingException(string message) : HttpRequestException(message);
