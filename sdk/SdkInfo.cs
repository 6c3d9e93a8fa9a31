namespace VideoBot.Sdk;

/// <summary>Facts about the SDK itself, for the host's compatibility checks.</summary>
public static class SdkInfo
{
    /// <summary>The SemVer version of this contract. Manifests declare the range they work with in <c>sdk</c>.</summary>
    public const string Version = "1.1.0";
}
