namespace VideoBot.Tests.Contrib;

/// <summary>
/// Tests that run <c>dotnet build</c> or <c>dotnet pack</c> on the SDK (directly, or through a scaffolded assembly plugin's
/// project reference) take turns, so no two of them write sdk/obj at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SdkBuilds
{
    public const string Name = "Builds touching the SDK";
}
