package dev.tiersync.engine.upstream;

import dev.tiersync.engine.content.Folders;
import dev.tiersync.engine.testing.UpstreamRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The upstream parts over a new temp folder, wired as {@link UpstreamCache} wires them, and a real
 * upstream repository ({@code <root>/remote}, default branch {@code main}) to read. A test holds
 * one in a {@code @RegisterExtension} field; it is closed and its folder deleted after the test.
 */
final class UpstreamParts implements AfterEachCallback {
  static final String SKILL = "skills/pdf-tools";

  /** Progress that has cancelled from the start. */
  static final FetchProgress CANCELLED =
      new FetchProgress() {
        @Override
        public void update(String phase, int done, int total) {}

        @Override
        public boolean isCancelled() {
          return true;
        }
      };

  final Path root;
  final UpstreamRepo upstream;
  final Mirrors mirrors;
  final RefResolver refs;
  final UpstreamTreeReader trees;
  final PathHistory history;

  UpstreamParts() {
    try {
      root = Files.createTempDirectory("upstream-parts-");
      upstream = UpstreamRepo.create(root.resolve("remote"), "main");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
    mirrors =
        new Mirrors(
            root.resolve("data/upstream").toAbsolutePath().normalize(),
            new MirrorFetcher(Duration.ofSeconds(60), null));
    refs = new RefResolver(mirrors);
    trees = new UpstreamTreeReader(refs);
    history = new PathHistory(mirrors, refs);
  }

  static Map<String, String> files(String... pathsAndContents) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return m;
  }

  RevCommit commitSkill() throws Exception {
    return upstream.commit(
        "add pdf-tools",
        files(SKILL + "/SKILL.md", "a\n", SKILL + "/ref/x.md", "", "README.md", "repo\n"));
  }

  /** Resolves after a fetch, as {@link UpstreamCache#resolve(String, String)} does. */
  ResolvedRef resolve(String url, String ref) throws UpstreamUnavailableException {
    return refs.resolve(url, ref, FetchPolicy.ALWAYS, null);
  }

  void fetch(String url, FetchProgress progress) throws UpstreamUnavailableException {
    mirrors.fetch(Remote.of(url), progress);
  }

  Path mirrorDir(String url) {
    return mirrors.dir(Remote.of(url));
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    mirrors.close();
    upstream.close();
    Folders.deleteRecursively(root);
  }
}
