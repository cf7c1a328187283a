package dev.tiersync.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code tiersync}: the command line of the tiersync server, a thin client of its REST API. It
 * never touches the tiers itself; the server does the work and the CLI shows it, with exit codes CI
 * can gate on ({@link ExitCodes}).
 */
@Command(
    name = "tiersync",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = Tiersync.Version.class,
    description = "Keeps Claude Code artifacts in sync across upstream, collection and project.",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  status, diff                 0 synced or identical, 1 drift, 2 conflicts",
      "  sync, resolve, patch, wait   0 success, 1 conflict, 2 error",
      "  collection, undeploy, adopt  0 success, 1 conflict, 2 error",
      "  every command                3 bad input or server error, 130 interrupted",
      "",
      "Server: --server or TIERSYNC_URL (default http://localhost:8080).",
      "Token: TIERSYNC_TOKEN, else the file the server writes, $TIERSYNC_HOME/api-token",
      "(default ~/.tiersync/api-token). Docs: docs/cli.md."
    })
public final class Tiersync implements Runnable {
  /** The {@code --output} choices. */
  enum Output {
    TEXT,
    JSON
  }

  @Option(
      names = "--server",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "The tiersync server (default: TIERSYNC_URL, else http://localhost:8080).")
  String server;

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      completionCandidates = Tiersync.Outputs.class,
      description = "text (default) or json: the API's own documents, for scripts.")
  Output output = Output.TEXT;

  @Option(
      names = "--color",
      scope = ScopeType.INHERIT,
      paramLabel = "WHEN",
      completionCandidates = Tiersync.ColorModes.class,
      description = "auto (default: on a terminal, unless NO_COLOR is set), always or never.")
  Style.ColorMode color = Style.ColorMode.AUTO;

  /**
   * The commands, in the order help lists them. They are added to the parser by {@link
   * #commandLine}, only the one a run names when it names one: picocli reads each command's
   * annotations when it is added, which is most of its start-up.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("status", StatusCommand::new);
    COMMANDS.put("fleet", FleetCommand::new);
    COMMANDS.put("diff", DiffCommand::new);
    COMMANDS.put("sync", SyncCommand::new);
    COMMANDS.put("resolve", ResolveCommand::new);
    COMMANDS.put("patch", PatchCommand::new);
    COMMANDS.put("collection", CollectionCommand::new);
    COMMANDS.put("undeploy", UndeployCommand::new);
    COMMANDS.put("adopt", AdoptCommand::new);
    COMMANDS.put("history", HistoryCommand::new);
    COMMANDS.put("rollback", RollbackCommand::new);
    COMMANDS.put("hold", HoldCommand::new);
    COMMANDS.put("release", ReleaseCommand::new);
    COMMANDS.put("auto-update", AutoUpdateCommand::new);
    COMMANDS.put("jobs", JobsCommand::new);
    COMMANDS.put("job", JobCommand::new);
    COMMANDS.put("cancel", CancelCommand::new);
    COMMANDS.put("wait", WaitCommand::new);
    COMMANDS.put("completion", CompletionCommand::new);
    COMMANDS.put("warm-up", WarmUpCommand::new);
    COMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  /** The root options that take a value, to find the command name among the arguments. */
  private static final Set<String> VALUED = Set.of("--server", "-o", "--output", "--color");

  @Spec CommandSpec spec;

  private final Terminal terminal;
  private ApiClient api;

  Tiersync(Terminal terminal) {
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    Terminal terminal = Terminal.system();
    int code = run(terminal, args);
    terminal.out().flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code. */
  static int run(Terminal terminal, String... args) {
    return commandLine(terminal, args).execute(args);
  }

  /** The parser for {@code args}, with the commands they need (all for help and completion). */
  static CommandLine commandLine(Terminal terminal, String... args) {
    Tiersync root = new Tiersync(terminal);
    CommandLine cl = new CommandLine(root);
    String named = commandName(args);
    boolean versionOnly =
        named == null && (List.of(args).contains("--version") || List.of(args).contains("-V"));
    COMMANDS.forEach(
        (name, command) -> {
          boolean needed =
              named == null
                  ? !versionOnly
                  : name.equals(named)
                      || !COMMANDS.containsKey(named)
                      || named.equals("help")
                      || named.equals("completion");
          if (needed) {
            cl.addSubcommand(name, command.get());
          }
        });
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(terminal.out(), true));
    cl.setErr(new PrintWriter(terminal.err(), true));
    cl.setColorScheme(
        Help.defaultColorScheme(terminal.stdoutIsTerminal() ? Help.Ansi.ON : Help.Ansi.OFF));
    cl.setParameterExceptionHandler(
        (e, arguments) -> {
          terminal.err().println("tiersync: " + usageError(e));
          return ExitCodes.USAGE_OR_SERVER;
        });
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          terminal.out().flush();
          if (e instanceof CliException c) {
            if (root.json() && c.problem() != null) {
              Json.print(terminal.out(), c.problem());
            }
            terminal.err().println("tiersync: " + c.getMessage());
            return c.exitCode();
          }
          terminal.err().println("tiersync: unexpected error: " + e);
          return ExitCodes.USAGE_OR_SERVER;
        });
    return cl;
  }

  /** One line for a command line picocli refused, with its suggestions and where help is. */
  static String usageError(ParameterException e) {
    StringBuilder line = new StringBuilder(e.getMessage());
    if (e instanceof UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      line.append("; did you mean ")
          .append(String.join(" or ", unmatched.getSuggestions()))
          .append('?');
    }
    line.append(" (see '")
        .append(e.getCommandLine().getCommandSpec().qualifiedName())
        .append(" --help')");
    return line.toString();
  }

  /** The first argument that is neither an option nor a root option's value, or null. */
  static String commandName(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (VALUED.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }

  Terminal terminal() {
    return terminal;
  }

  boolean json() {
    return output == Output.JSON;
  }

  Style style() {
    return Style.of(color, terminal);
  }

  /** The API client, made on first use (so that {@code --help} never loads the HTTP client). */
  ApiClient api() {
    if (api == null) {
      api =
          new ApiClient(
              Connection.resolve(server, terminal, Path.of(System.getProperty("user.home"))));
    }
    return api;
  }

  /** The {@code --output} values, as completion offers them. */
  static final class Outputs extends ArrayList<String> {
    Outputs() {
      super(List.of("text", "json"));
    }
  }

  /** The {@code --color} values, as completion offers them. */
  static final class ColorModes extends ArrayList<String> {
    ColorModes() {
      super(List.of("auto", "always", "never"));
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Tiersync.class.getPackage().getImplementationVersion();
      return new String[] {"tiersync " + (version == null ? "(development build)" : version)};
    }
  }
}
