using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Manifests;
using VideoBot.Sdk.Extraction;
using McMasterLoader = McMaster.NETCore.Plugins.PluginLoader;

namespace VideoBot.Host.Plugins;

/// <summary>
/// Loads an assembly plugin into its own collectible load context (McMaster.NETCore.Plugins) and creates its extractor.
/// A load context isolates dependencies and allows unloading; it is no security boundary, hence the SHA-256 allow-list.
/// </summary>
internal static class AssemblyPluginActivator
{
    /// <summary>
    /// Types the host and the plugin must agree on: with their own copies, the plugin's <c>IExtractor</c> would not be the
    /// host's and every cast would fail. Their assemblies (the SDK, logging abstractions) come from the host.
    /// </summary>
    private static readonly Type[] SharedTypes =
    [
        typeof(IExtractor),
        typeof(ILogger),
        typeof(ILoggerFactory),
    ];

    /// <summary>The outcome: the extractor and what keeps it alive, or why there is none.</summary>
    internal sealed record Activation(IExtractor? Extractor, IDisposable? Lifetime, string? Sha256, string? Error);

    /// <summary>Never throws: every failure comes back as <see cref="Activation.Error"/>, with the load context released.</summary>
    public static Activation Activate(PluginManifest manifest, string entryPath, IReadOnlyCollection<string> allowedSha256, TimeSpan constructorTimeout)
    {
        string sha256;
        try
        {
            sha256 = HashFile(entryPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Activation(null, null, null, $"cannot read {manifest.Entry}: {ex.Message}");
        }

        if (allowedSha256.Count > 0 && !allowedSha256.Any(h => string.Equals(h.Trim(), sha256, StringComparison.OrdinalIgnoreCase)))
        {
            return new Activation(null, null, sha256,
                $"assembly {manifest.Entry} (SHA-256 {sha256}) is not in Plugins:AllowedAssemblySha256");
        }

        McMasterLoader? loader = null;
        try
        {
            loader = McMasterLoader.CreateFromAssemblyFile(entryPath, isUnloadable: true, SharedTypes, config =>
            {
                config.PreferSharedTypes = true;
                // Read into memory, not mapped from disk: a rebuilt or replaced plugin file never disturbs the loaded copy.
                config.LoadInMemory = true;
            });
            var assembly = loader.LoadDefaultAssembly();
            var type = FindExtractorType(assembly, manifest.Type, out var typeError);
            if (type is null)
            {
                loader.Dispose();
                return new Activation(null, null, sha256, typeError);
            }

            var extractor = Construct(type, constructorTimeout, out var constructError);
            if (extractor is null)
            {
                // A constructor still running keeps the context alive; disposing starts the unload it will finish later.
                loader.Dispose();
                return new Activation(null, null, sha256, constructError);
            }

            return new Activation(extractor, new LoaderLifetime(loader), sha256, null);
        }
        catch (Exception ex)
        {
            loader?.Dispose();
            return new Activation(null, null, sha256, $"cannot load {manifest.Entry}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static Type? FindExtractorType(Assembly assembly, string? typeName, out string? error)
    {
        error = null;
        if (typeName is not null)
        {
            var named = assembly.GetType(typeName, throwOnError: false);
            if (named is null || !IsExtractorType(named))
            {
                error = $"type {typeName} is not a public, non-abstract IExtractor in {assembly.GetName().Name}";
                return null;
            }

            return named;
        }

        var candidates = assembly.GetExportedTypes().Where(IsExtractorType).ToList();
        switch (candidates.Count)
        {
            case 1:
                return candidates[0];
            case 0:
                error = $"{assembly.GetName().Name} has no public, non-abstract IExtractor implementation";
                return null;
            default:
                error = $"{assembly.GetName().Name} has several IExtractor implementations ({string.Join(", ", candidates.Select(t => t.FullName))}); name one in the manifest's \"type\"";
                return null;
        }
    }

    private static bool IsExtractorType(Type type) =>
        type is { IsPublic: true, IsAbstract: false, IsInterface: false, ContainsGenericParameters: false }
        && typeof(IExtractor).IsAssignableFrom(type);

    /// <summary>
    /// Runs the constructor on its own thread so a hanging one costs that thread, not the host's start-up. .NET cannot abort
    /// a thread, so a constructor that never returns keeps running in the background; the plugin never serves.
    /// </summary>
    private static IExtractor? Construct(Type type, TimeSpan timeout, out string? error)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            error = $"{type.FullName} has no public parameterless constructor";
            return null;
        }

        var construction = Task.Factory.StartNew(
            () => (IExtractor)Activator.CreateInstance(type)!,
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            if (!construction.Wait(timeout))
            {
                _ = construction.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                error = $"the constructor of {type.FullName} did not finish within {timeout.TotalMilliseconds:0} ms";
                return null;
            }

            error = null;
            return construction.Result;
        }
        catch (AggregateException ex)
        {
            var cause = ex.InnerException is TargetInvocationException { InnerException: { } inner } ? inner : ex.InnerException ?? ex;
            error = $"the constructor of {type.FullName} threw {cause.GetType().Name}: {cause.Message}";
            return null;
        }
    }

    /// <summary>Disposing the McMaster loader unloads the load context once nothing references the plugin's types.</summary>
    private sealed class LoaderLifetime(McMasterLoader loader) : IDisposable
    {
        private McMasterLoader? _loader = loader;

        public void Dispose() => Interlocked.Exchange(ref _loader, null)?.Dispose();
    }
}
