using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins;
using VideoBot.Host.PluginTesting;

namespace VideoBot.Host.Cli;

/// <summary>
/// <c>videobot validate PLUGIN_DIR...</c>: the schema, the load, then every manifest test against its fixtures, one line each,
/// with how many tests have recorded fixtures (<c>"recorded": true</c>) and how many hand-written ones.
/// Exits non-zero when anything fails, so it can gate a plugin swap or a pull request.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var directories = new Argument<string[]>("plugin-dir") { Description = "Plugin folders to check", Arity = ArgumentArity.OneOrMore };
        var here = new Option<bool>(ChildValidation.InProcessFlag)
        {
            Description = "Run an assembly plugin's tests in this process (the child's side of the separate validation process)",
            Hidden = true,
        };
        var command = new Command("validate", "Check plugin folders: schema, load, and their fixture tests") { directories, here };
        command.SetAction((parse, ct) => CliApp.GuardAsync(async () =>
        {
            using var host = CliHost.Build(CliApp.Globals(parse));
            var runner = host.Services.GetRequiredService<PluginTestRunner>();
            var loader = new PluginLoader(() => host.Services.GetRequiredService<IOptionsMonitor<PluginsOptions>>().CurrentValue);
            var child = parse.GetValue(here) ? null : host.Services.GetRequiredService<ChildValidation>();
            var failed = 0;
            foreach (var directory in parse.GetValue(directories)!)
            {
                failed += await (child is not null && IsAssembly(directory)
                    ? ValidateInChildAsync(child, directory, ct)
                    : ValidateAsync(loader, runner, directory, ct)) ? 0 : 1;
            }

            return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    private static bool IsAssembly(string directory) =>
        Directory.Exists(directory) && PluginLoader.ReadManifest(directory) is { IsValid: true, Manifest.Kind: Manifests.PluginKind.Assembly };

    // An assembly runs with the host's powers: Environment.Exit or a stack overflow in it would end this command with no
    // verdict (exit code 0 for Exit). Its tests run in a child `validate --here`, whose end, however it comes, is reported.
    private static async Task<bool> ValidateInChildAsync(ChildValidation child, string directory, CancellationToken ct)
    {
        var (refusal, output) = await child.RunWithOutputAsync(directory, ct);
        Console.Write(output);
        if (refusal is not null && !output.Contains(": FAIL", StringComparison.Ordinal))
        {
            var manifest = PluginLoader.ReadManifest(directory).Manifest!;
            Console.WriteLine($"{manifest.Id} {manifest.Version} (assembly): FAIL: {refusal}");
        }

        return refusal is null;
    }

    private static async Task<bool> ValidateAsync(PluginLoader loader, PluginTestRunner runner, string directory, CancellationToken ct)
    {
        if (!Directory.Exists(directory))
        {
            Console.WriteLine($"{directory}: FAIL: no such folder");
            return false;
        }

        using var plugin = new DisposableHandle(loader.Load(directory));
        var handle = plugin.Handle;
        var label = handle.Manifest is { } m ? $"{m.Id} {m.Version} ({m.Kind.ToString().ToLowerInvariant()})" : directory;
        if (handle.Status != PluginStatus.Active)
        {
            Console.WriteLine($"{label}: FAIL: {handle.Status}");
            Console.WriteLine("  " + (handle.Reason ?? "no reason given").ReplaceLineEndings("\n  "));
            return false;
        }

        var results = await runner.RunAsync(handle, ct);
        var passed = results.Count(r => r.Passed);
        // Recorded fixtures are what the site really answered; hand-written ones are only as good as their author's guess.
        var recorded = handle.Manifest!.Tests.Count(t => t.Recorded);
        Console.WriteLine($"{label}: {(passed == results.Count ? "ok" : "FAIL")}: {passed}/{results.Count} tests passed " +
            $"({recorded} recorded, {results.Count - recorded} hand-written)");
        foreach (var result in results)
        {
            Console.WriteLine($"  {(result.Passed ? "pass" : "FAIL")}  {result.Name} ({result.Elapsed.TotalMilliseconds:0} ms)");
            foreach (var failure in result.Failures)
            {
                Console.WriteLine("        " + failure);
            }
        }

        if (results.Count == 0)
        {
            Console.WriteLine("  (the manifest has no tests)");
        }

        return passed == results.Count;
    }

    /// <summary>Unloads a validated assembly plugin when the command is done with it.</summary>
    private sealed class DisposableHandle(PluginHandle handle) : IDisposable
    {
        public PluginHandle Handle { get; } = handle;

        public void Dispose() => Handle.Lifetime?.Dispose();
    }
}
