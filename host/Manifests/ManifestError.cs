namespace VideoBot.Host.Manifests;

/// <summary>One problem in a manifest: the file, the JSON path and the reason.</summary>
/// <param name="File">The manifest file, relative to the current directory when inside it, else absolute.</param>
/// <param name="JsonPath">Where in the document, e.g. <c>$.tests[0].url</c>; <c>$</c> for the whole file.</param>
/// <param name="Reason">What is wrong, in plain English.</param>
internal sealed record ManifestError(string File, string JsonPath, string Reason)
{
    public override string ToString() => $"{File}: {JsonPath}: {Reason}";
}
