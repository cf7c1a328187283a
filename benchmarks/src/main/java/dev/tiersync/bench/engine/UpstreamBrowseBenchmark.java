package dev.tiersync.bench.engine;

import dev.tiersync.engine.browse.UpstreamBrowser;
import dev.tiersync.engine.browse.UpstreamListing;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FoundArtifact;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Browsing an upstream of {@value #SKILLS} skills and {@value #COMMANDS} commands (each skill a
 * folder of three files with front matter) whose history has {@value #COMMITS} commits, each
 * touching one artifact, on top of the commit that added them all: {@link UpstreamBrowser#browse}
 * as {@code GET /api/v1/upstreams/artifacts} calls it, the mirror already cloned (the fetch finds
 * nothing new). Every artifact's last commit comes from one walk of the history.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UpstreamBrowseBenchmark {
  static final int SKILLS = 400;
  static final int COMMANDS = 100;
  static final int COMMITS = 1000;

  private Path dir;
  private UpstreamCache cache;
  private UpstreamBrowser browser;
  private String url;
  private String head;
  private List<String> paths;

  @Setup
  public void setUp() throws IOException {
    dir = Fixtures.tempDir("bench-browse-");
    Path work = dir.resolve("work");
    for (int i = 0; i < SKILLS; i++) {
      Path skill = work.resolve("skills/skill-" + i);
      Files.createDirectories(skill.resolve("ref"));
      Files.writeString(
          skill.resolve("SKILL.md"),
          "---\nname: skill-" + i + "\ndescription: Skill number " + i + "\n---\n# Skill\n");
      Files.writeString(skill.resolve("ref/notes.md"), "notes " + i + "\n");
      Files.writeString(skill.resolve("script.py"), "print(" + i + ")\n");
    }
    Files.createDirectories(work.resolve("commands"));
    for (int i = 0; i < COMMANDS; i++) {
      Files.writeString(
          work.resolve("commands/cmd-" + i + ".md"), "---\ndescription: Command " + i + "\n---\n");
    }
    Fixtures.run(work, 0, "git", "init", "-q", "-b", "main");
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", "add everything");
    // One commit per change through fast-import, so that a thousand commits take a second.
    StringBuilder stream = new StringBuilder();
    for (int c = 0; c < COMMITS; c++) {
      String path =
          c % 5 == 0
              ? "commands/cmd-" + (c * 7 % COMMANDS) + ".md"
              : "skills/skill-" + (c * 13 % SKILLS) + "/ref/notes.md";
      String content = "change " + c + "\n";
      stream.append("commit refs/heads/main\n")
          .append("committer bench <bench@example.com> ").append(1_700_000_000L + c).append(" +0000\n")
          .append("data ").append(("change " + c).length()).append("\nchange ").append(c).append('\n')
          .append(c == 0 ? "from refs/heads/main^0\n" : "")
          .append("M 100644 inline ").append(path).append('\n')
          .append("data ").append(content.getBytes(StandardCharsets.UTF_8).length).append('\n')
          .append(content).append('\n');
    }
    Path script = dir.resolve("history.fi");
    Files.writeString(script, stream.toString());
    Fixtures.run(work, 0, "sh", "-c", "git fast-import --quiet < " + script);
    Fixtures.run(dir, 0, "git", "clone", "-q", "--bare", work.toString(), dir.resolve("upstream.git").toString());
    url = "file://" + dir.resolve("upstream.git");
    cache = new UpstreamCache(dir.resolve("data"));
    browser = new UpstreamBrowser(cache, Duration.ofSeconds(60));
    UpstreamListing first = browse();
    if (first.artifacts().size() != SKILLS + COMMANDS) {
      throw new IllegalStateException("expected " + (SKILLS + COMMANDS) + " artifacts, found " + first.artifacts().size());
    }
    head = first.ref().commitSha();
    paths = first.artifacts().stream().map(FoundArtifact::path).toList();
  }

  private static void git(Path work, String... args) {
    String[] command = new String[args.length + 5];
    command[0] = "git";
    command[1] = "-c";
    command[2] = "user.name=bench";
    command[3] = "-c";
    command[4] = "user.email=bench@example.com";
    System.arraycopy(args, 0, command, 5, args.length);
    Fixtures.run(work, 0, command);
  }

  @TearDown
  public void tearDown() throws IOException {
    cache.close();
    Fixtures.deleteTree(dir);
  }

  /** The whole request: fetch (nothing new), resolve, list, last commits. */
  @Benchmark
  public UpstreamListing browse() throws IOException {
    return browser.browse(url, null);
  }

  /** Listing and last commits alone, from the mirror. */
  @Benchmark
  public List<FoundArtifact> listOnly() throws IOException {
    return cache.artifacts(url, head, "", "upstream");
  }

  /** What one walk replaces: {@code git log -1 -- <path>} per artifact, in process (JGit). */
  @Benchmark
  public int oneLogPerArtifact() throws IOException {
    int found = 0;
    for (String path : paths) {
      found += cache.history(url, head, path, 1, FetchPolicy.NEVER, null).size();
    }
    return found;
  }
}
