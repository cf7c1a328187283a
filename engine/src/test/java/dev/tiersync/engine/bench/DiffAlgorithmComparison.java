package dev.tiersync.engine.bench;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.tiersync.engine.diff.LineDiff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Measures the candidate line-diff algorithms side by side: tiersync's xdiff-compatible Myers,
 * java-diff-utils' Myers, and JGit's HistogramDiff, against {@code git diff --numstat} in the
 * same run. Reports wall time per input and how often each algorithm's line counts agree with
 * Git's. Run with {@code scripts/bench-diff.sh}; results go into docs/diff-algorithm.md by hand.
 */
public final class DiffAlgorithmComparison {
  private static final long TIMEOUT_SECONDS = 30;

  record Counts(int added, int removed) {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("tiersync-diff-bench");
    Random r = new Random(42);
    List<String[]> inputs = new ArrayList<>();
    inputs.add(new String[] {"1 MB, 1% of lines changed", "1", "0.01", "unique"});
    inputs.add(new String[] {"1 MB, fully rewritten", "1", "1.0", "unique"});
    inputs.add(new String[] {"1 MB, fully rewritten, repetitive lines", "1", "1.0", "repetitive"});
    inputs.add(new String[] {"10 MB, 10% of lines changed", "10", "0.10", "unique"});
    System.out.println("| input | tiersync (xdiff Myers) | java-diff-utils Myers | JGit HistogramDiff | git diff --numstat | counts equal to git |");
    System.out.println("|---|---|---|---|---|---|");
    for (String[] in : inputs) {
      byte[][] pair = generate(r, Integer.parseInt(in[1]) * 1024 * 1024, Double.parseDouble(in[2]), in[3].equals("repetitive"));
      Files.write(dir.resolve("a"), pair[0]);
      Files.write(dir.resolve("b"), pair[1]);
      long t0 = System.nanoTime();
      Counts git = gitNumstat(dir);
      long gitMs = ms(t0);
      Result ours = timed(() -> tiersync(pair));
      Result jdu = timed(() -> javaDiffUtils(pair));
      Result hist = timed(() -> histogram(pair));
      System.out.printf(
          "| %s | %s | %s | %s | %d ms (%d+/%d-) | tiersync %s, java-diff-utils %s, HistogramDiff %s |%n",
          in[0], ours, jdu, hist, gitMs, git.added, git.removed,
          eq(ours, git), eq(jdu, git), eq(hist, git));
    }
    agreement(dir);
    System.exit(0);
  }

  private static void agreement(Path dir) throws Exception {
    Random r = new Random(7);
    int n = 300;
    int ours = 0;
    int jdu = 0;
    int hist = 0;
    for (int i = 0; i < n; i++) {
      byte[][] pair = small(r);
      Files.write(dir.resolve("a"), pair[0]);
      Files.write(dir.resolve("b"), pair[1]);
      Counts git = gitNumstat(dir);
      ours += tiersync(pair).equals(git) ? 1 : 0;
      jdu += javaDiffUtils(pair).equals(git) ? 1 : 0;
      hist += histogram(pair).equals(git) ? 1 : 0;
    }
    System.out.printf(
        "%nAgreement with git diff --numstat on %d small generated pairs with repeated lines: tiersync %d, java-diff-utils %d, JGit HistogramDiff %d%n",
        n, ours, jdu, hist);
  }

  record Result(long millis, Counts counts, boolean timedOut) {
    @Override
    public String toString() {
      return timedOut ? "> " + TIMEOUT_SECONDS + " s (stopped)" : millis + " ms";
    }
  }

  private static String eq(Result r, Counts git) {
    return r.timedOut ? "n/a" : (r.counts.equals(git) ? "yes" : "no (" + r.counts.added + "+/" + r.counts.removed + "-)");
  }

  private static Result timed(Supplier<Counts> s) throws Exception {
    ExecutorService ex = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable);
      t.setDaemon(true);
      return t;
    });
    long t0 = System.nanoTime();
    Future<Counts> f = ex.submit(s::get);
    try {
      Counts c = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new Result(ms(t0), c, false);
    } catch (TimeoutException e) {
      f.cancel(true);
      return new Result(ms(t0), null, true);
    } finally {
      ex.shutdownNow();
    }
  }

  private static Counts tiersync(byte[][] p) {
    LineDiff d = LineDiff.of(p[0], p[1]);
    return new Counts(d.linesAdded(), d.linesRemoved());
  }

  private static Counts javaDiffUtils(byte[][] p) {
    List<String> a = lines(p[0]);
    List<String> b = lines(p[1]);
    Patch<String> patch = DiffUtils.diff(a, b);
    int add = 0;
    int rem = 0;
    for (AbstractDelta<String> d : patch.getDeltas()) {
      add += d.getTarget().size();
      rem += d.getSource().size();
    }
    return new Counts(add, rem);
  }

  private static Counts histogram(byte[][] p) {
    EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, new RawText(p[0]), new RawText(p[1]));
    int add = 0;
    int rem = 0;
    for (var e : edits) {
      add += e.getLengthB();
      rem += e.getLengthA();
    }
    return new Counts(add, rem);
  }

  /** Lines with their terminators, so that a missing final newline counts as Git counts it. */
  private static List<String> lines(byte[] data) {
    String s = new String(data, StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        out.add(s.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < s.length()) {
      out.add(s.substring(start));
    }
    return out;
  }

  private static Counts gitNumstat(Path dir) throws Exception {
    Process p = new ProcessBuilder("git", "diff", "--no-index", "--numstat", "a", "b").directory(dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    if (out.isEmpty()) {
      return new Counts(0, 0);
    }
    String[] f = out.split("\t");
    return new Counts(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
  }

  private static byte[][] generate(Random r, int bytes, double changed, boolean repetitive) {
    List<String> a = new ArrayList<>();
    int size = 0;
    int i = 0;
    while (size < bytes) {
      String line = repetitive ? "x".repeat(r.nextInt(3)) + (r.nextInt(4)) + "\n" : "line " + i + " " + Long.toHexString(r.nextLong()) + " lorem ipsum dolor sit\n";
      a.add(line);
      size += line.length();
      i++;
    }
    List<String> b = new ArrayList<>(a);
    for (int k = 0; k < b.size(); k++) {
      if (r.nextDouble() < changed) {
        b.set(k, repetitive ? "y".repeat(r.nextInt(3)) + r.nextInt(4) + "\n" : "changed " + k + " " + Long.toHexString(r.nextLong()) + "\n");
      }
    }
    return new byte[][] {join(a), join(b)};
  }

  private static byte[][] small(Random r) {
    String[] vocab = {"}\n", "\n", "{\n", "a\n", "b\n", "return;\n"};
    List<String> a = new ArrayList<>();
    int n = 10 + r.nextInt(60);
    for (int i = 0; i < n; i++) {
      a.add(r.nextInt(3) == 0 ? "u" + i + "\n" : vocab[r.nextInt(vocab.length)]);
    }
    List<String> b = new ArrayList<>(a);
    for (int e = 0; e < 6; e++) {
      int at = r.nextInt(b.size());
      switch (r.nextInt(3)) {
        case 0 -> b.add(at, vocab[r.nextInt(vocab.length)]);
        case 1 -> b.remove(at);
        default -> b.set(at, "v" + e + "\n");
      }
    }
    return new byte[][] {join(a), join(b)};
  }

  private static byte[] join(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach(sb::append);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private DiffAlgorithmComparison() {}

}
