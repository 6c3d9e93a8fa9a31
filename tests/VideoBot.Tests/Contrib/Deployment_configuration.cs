using System.Text.RegularExpressions;
using NetEscapades.Configuration.Yaml;
using Microsoft.Extensions.Configuration;
using VideoBot.Host.Cli;
using VideoBot.Host.Configuration;
using VideoBot.Tests.Plugins;
using YamlDotNet.RepresentationModel;

namespace VideoBot.Tests.Contrib;

/// <summary>
/// docker/Dockerfile, docker/docker-compose.yml, render.yaml and deploy/videobot.service cannot be built or run here (no Docker
/// engine, no systemd): they are parsed and cross-checked against each other and against the host's real configuration.
/// </summary>
public sealed partial class Deployment_configuration
{
    private const string DockerfilePath = "docker/Dockerfile";
    private static readonly List<(int Stage, string Instruction, string Arguments)> Docker = DeploymentFiles.Dockerfile(DockerfilePath);
    private static readonly int Final = Docker.Max(l => l.Stage);
    private static readonly Dictionary<string, string> DockerEnv = DeploymentFiles.Env(Docker, Final);

    private static int ImagePort => DeploymentFiles.Port(DockerEnv["ASPNETCORE_URLS"]);

    private static string HealthPath => HealthUrl().Match(Single("HEALTHCHECK")).Groups[2].Value;

    [Fact]
    public void The_image_is_multi_stage_and_runs_as_a_non_root_user()
    {
        Assert.True(Final >= 1, "a build stage and a runtime stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", Docker.Single(l => l.Stage == Final && l.Instruction == "FROM").Arguments, StringComparison.Ordinal);
        var user = Single("USER");
        Assert.DoesNotMatch("^(root|0)(:|$)", user);
        Assert.Equal("$APP_UID", user); // the aspnet image's own unprivileged user
    }

    [Fact]
    public void The_image_has_yt_dlp_and_ffmpeg_where_its_settings_say()
    {
        var runtime = string.Join('\n', Docker.Where(l => l.Stage == Final).Select(l => l.Instruction + " " + l.Arguments));
        Assert.Matches(@"apt-get install[^\n]*\bffmpeg\b", runtime);
        // yt-dlp from pip in a virtual environment (curl_cffi and EJS), linked where YtDlp:Path points; never the zipimport binary.
        Assert.Matches(@"python3 -m venv (?<venv>\S+) [^\n]*\k<venv>/bin/pip install [^\n]*""yt-dlp\[default,curl-cffi\]""[^\n]*ln -s \k<venv>/bin/yt-dlp " + Regex.Escape(DockerEnv["YtDlp__Path"]) + @"\b", runtime);
        Assert.DoesNotContain("yt-dlp/releases/", runtime);
        Assert.Matches(@"denoland/deno/releases/[^\n]*-d /usr/local/bin\b", runtime); // deno on PATH, for --js-runtimes
        Assert.Equal("true", DockerEnv["YtDlp__AutoUpdate"]);
        Assert.Equal("/usr/bin/ffmpeg", DockerEnv["YtDlp__FfmpegPath"]); // where Debian's and Ubuntu's ffmpeg package puts it
    }

    [Fact]
    public void The_plugins_folder_the_host_reads_is_a_volume_and_so_is_its_storage()
    {
        var volumes = Volumes();
        var config = DockerEnv["VIDEOBOT_CONFIG"];
        var configCopy = Docker.Single(l => l.Stage == Final && l.Instruction == "COPY" && l.Arguments.EndsWith(" " + config, StringComparison.Ordinal));
        var pluginsSetting = Yaml(configCopy.Arguments.Split(' ')[0])["Plugins:Directory"] ?? new PluginsOptions().Directory;
        var pluginsDir = Path.IsPathRooted(pluginsSetting) ? pluginsSetting : Path.GetDirectoryName(config)!.TrimEnd('/') + "/" + pluginsSetting;

        Assert.Contains(pluginsDir, volumes);
        Assert.Contains(DockerEnv["Storage__Directory"], volumes);
        Assert.Contains(Docker, l => l.Stage == Final && l.Instruction == "COPY" && l.Arguments.EndsWith(" " + pluginsDir + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_health_check_the_exposed_port_and_the_listen_address_agree()
    {
        var check = HealthUrl().Match(Single("HEALTHCHECK"));
        Assert.True(check.Success, "HEALTHCHECK requests http://127.0.0.1:PORT/PATH");
        Assert.Equal(ImagePort, int.Parse(check.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ImagePort.ToString(System.Globalization.CultureInfo.InvariantCulture), Single("EXPOSE"));
        Assert.StartsWith("http://0.0.0.0:", DockerEnv["ASPNETCORE_URLS"], StringComparison.Ordinal); // the bot's default 127.0.0.1 is unreachable from outside
        Assert.Equal("/healthz", HealthPath);
    }

    [Fact]
    public void Every_setting_the_image_sets_is_one_the_host_reads_and_every_file_it_copies_exists()
    {
        AssertKnownVariables(DockerEnv.Keys, DockerfilePath);
        foreach (var (_, _, arguments) in Docker.Where(l => l.Instruction == "COPY" && !l.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            foreach (var source in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            {
                Assert.True(Path.Exists(DeploymentFiles.PathOf(source)), $"{DockerfilePath} copies {source}, which is not in the repository");
            }
        }

        var entry = Single("ENTRYPOINT");
        Assert.Contains($"/app/{typeof(CliApp).Assembly.GetName().Name}.dll", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_runs_the_image_with_redis_and_the_local_bot_api_server_only_under_its_profile()
    {
        var services = DeploymentFiles.Yaml("docker/docker-compose.yml").Child("services")!;
        var bot = services.Child("bot")!;
        var build = bot.Child("build")!;
        Assert.Equal(DockerfilePath, Path.GetRelativePath(RepoPaths.Root, Path.GetFullPath(Path.Combine(RepoPaths.Root, "docker", build.Scalar("context")!, build.Scalar("dockerfile")!))));
        Assert.StartsWith("redis:", services.Child("redis")!.Scalar("image"), StringComparison.Ordinal);
        var localApi = services.Child("telegram-bot-api")!;
        Assert.Equal(["local-api"], localApi.Child("profiles").Items().Select(i => ((YamlScalarNode)i).Value));
        Assert.Null(bot.Child("profiles"));

        var env = DeploymentFiles.ComposeEnvironment(bot);
        AssertKnownVariables(env.Keys, "docker-compose.yml");
        Assert.Equal(TelegramOptions.CloudApiBaseUrl, Default(env["Telegram__ApiBaseUrl"]));
        Assert.True(Enum.TryParse<TelegramMode>(Default(env["Telegram__Mode"]), ignoreCase: true, out _));
        var redis = env["Cache__Redis"];
        Assert.StartsWith("redis:", redis, StringComparison.Ordinal);
        Assert.Equal(6379, DeploymentFiles.Port(redis));
        Assert.Equal("8081", ((YamlScalarNode)localApi.Child("expose").Items().Single()).Value); // telegram-bot-api's default port

        var ports = bot.Child("ports").Items().Select(p => ((YamlScalarNode)p).Value!).ToList();
        Assert.All(ports, p => Assert.EndsWith(":" + ImagePort, p, StringComparison.Ordinal));
        var mounts = bot.Child("volumes").Items().Select(v => ((YamlScalarNode)v).Value!.Split(':')[1]).ToList();
        Assert.Equal(Volumes().Order(), mounts.Order());
    }

    [Fact]
    public void The_render_blueprint_is_a_free_docker_web_service_in_webhook_mode_with_the_images_health_check()
    {
        var service = DeploymentFiles.Yaml("render.yaml").Child("services").Items().Single();
        Assert.Equal("web", service.Scalar("type"));
        Assert.Equal("docker", service.Scalar("runtime"));
        Assert.Equal("free", service.Scalar("plan"));
        Assert.Equal(DockerfilePath, Path.GetRelativePath(RepoPaths.Root, DeploymentFiles.PathOf(service.Scalar("dockerfilePath")!)));
        Assert.Equal(HealthPath, service.Scalar("healthCheckPath"));

        var vars = service.Child("envVars").Items().ToDictionary(v => v.Scalar("key")!, v => v);
        AssertKnownVariables(vars.Keys.Where(k => k != "PORT"), "render.yaml");
        Assert.Equal(ImagePort.ToString(System.Globalization.CultureInfo.InvariantCulture), vars["PORT"].Scalar("value"));
        Assert.Equal(TelegramMode.Webhook, Enum.Parse<TelegramMode>(vars["Telegram__Mode"].Scalar("value")!, ignoreCase: true));
        // Webhook mode needs both (TelegramOptionsValidator); secrets are entered in the dashboard, never committed.
        foreach (var secret in new[] { "TELEGRAM_BOT_TOKEN", "Telegram__WebhookUrl", "Telegram__WebhookSecret" })
        {
            Assert.Equal("false", vars[secret].Scalar("sync"));
            Assert.Null(vars[secret].Scalar("value"));
        }
    }

    [Fact]
    public void The_systemd_unit_runs_the_published_executable_unprivileged_with_settings_the_host_reads()
    {
        var unit = DeploymentFiles.Unit("deploy/videobot.service");
        var service = unit["Service"];
        string Value(string key) => service.Single(p => p.Key == key).Value;
        var env = service.Where(p => p.Key == "Environment").Select(p => p.Value.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        Assert.Equal("multi-user.target", unit["Install"].Single(p => p.Key == "WantedBy").Value);
        Assert.NotEqual("root", Value("User"));
        Assert.Equal("/opt/videobot/" + typeof(CliApp).Assembly.GetName().Name, Value("ExecStart"));
        AssertKnownVariables(env.Keys, "videobot.service");
        Assert.All(new[] { "Plugins__Directory", "Storage__Directory" }, k => Assert.True(Path.IsPathRooted(env[k]), $"{k} must be absolute: relative paths resolve against the config file's folder"));
        Assert.StartsWith("/var/lib/" + Value("StateDirectory") + "/", env["Storage__Directory"], StringComparison.Ordinal);
        Assert.Contains(Value("ReadWritePaths"), env["Plugins__Directory"], StringComparison.Ordinal);
        Assert.Equal(8080, DeploymentFiles.Port(env["ASPNETCORE_URLS"]));
        Assert.Equal(new[] { ExitCodes.Usage, ExitCodes.Config }.Order(), Value("RestartPreventExitStatus").Split(' ').Select(int.Parse).Order());
    }

    private static string Single(string instruction) => Docker.Single(l => l.Stage == Final && l.Instruction == instruction).Arguments;

    private static List<string> Volumes() =>
        [.. Docker.Where(l => l.Stage == Final && l.Instruction == "VOLUME").SelectMany(l => Quoted().Matches(l.Arguments).Select(m => m.Groups[1].Value))];

    /// <summary><c>${NAME:-default}</c> in compose gives its default.</summary>
    private static string Default(string value) => ComposeDefault().Match(value) is { Success: true } m ? m.Groups[1].Value : value;

    private static Dictionary<string, string?> Yaml(string relative) =>
        new ConfigurationBuilder().AddYamlFile(DeploymentFiles.PathOf(relative)).Build().AsEnumerable().ToDictionary(p => p.Key, p => p.Value);

    private static void AssertKnownVariables(IEnumerable<string> variables, string file)
    {
        foreach (var variable in variables)
        {
            var key = HostSettings.KeyOf(variable);
            Assert.True(key is null || HostSettings.IsKnown(key), $"{file} sets {variable}, which the host does not read ({key})");
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:(\d+)(/\S*)")]
    private static partial Regex HealthUrl();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\$\{[A-Z_]+:-([^}]*)\}$")]
    private static partial Regex ComposeDefault();
}
