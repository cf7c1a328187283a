package dev.tiersync.engine.merge;

import dev.tiersync.engine.diff.GitLineDiffs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Three-way merge of a Markdown file with YAML front matter ({@code SKILL.md}, an agent, a
 * command): the front matter key by key, the body with {@link TextMerge}.
 *
 * <p>Per top-level key, a side that left the key as the base had it takes the other side's
 * version; both sides changing it the same way (same value) is clean; a side that only rewrote a
 * key without changing its value yields to the other's change; otherwise the key conflicts, and
 * markers (labelled as {@link TextMerge} labels them, with the base between) surround that key's
 * lines only. The result keeps the destination's ("ours") key order and comments; a key only the
 * source has goes after the key it followed there that the result holds, or at the end.
 *
 * <p>When the three front matter blocks are byte-equal, when a version has no front matter, or
 * when one does not parse as a block mapping of string keys, the whole file is merged by {@link
 * TextMerge}, byte-identical to {@code git merge-file --diff3}.
 */
public final class FrontMatterMerge {
  /**
   * The merged bytes, the number of conflict blocks, and whether the front matter was merged key
   * by key (false: the whole file went through {@link TextMerge}).
   */
  public record Result(byte[] content, int conflicts, boolean byKey) {
    public boolean clean() {
      return conflicts == 0;
    }
  }

  private static final int MARKER_SIZE = 7;

  private FrontMatterMerge() {}

  /** Whether the file starts with a front matter block ({@code ---} lines), parsable or not. */
  public static boolean hasFrontMatter(byte[] file) {
    return FrontMatterDoc.present(file);
  }

  /** Merges {@code ours} and {@code theirs}, both descended from {@code base}. */
  public static Result merge(byte[] base, byte[] ours, byte[] theirs, TextMerge.Labels labels) {
    Result byKey = byKey(base, ours, theirs, labels);
    if (byKey != null) {
      return byKey;
    }
    TextMerge.Result whole = TextMerge.merge(base, ours, theirs, labels);
    return new Result(whole.content(), whole.conflicts(), false);
  }

  /**
   * One region of a key-by-key merge as text, for showing a conflict side by side: the merge keeps
   * {@code ours} of a {@code COMMON} or {@code OURS} piece and {@code theirs} of a {@code THEIRS}
   * piece (a region whose kept text is neither side's as written, such as a key keeping ours's
   * comments and taking theirs's value, is a {@code COMMON} piece holding the kept text on both
   * sides); a {@code CONFLICT} piece is one front matter key changed two ways ({@code key} names
   * it) or a conflict of the body. Text a side lacks is empty.
   */
  public record Piece(TextMerge.HunkKind kind, String key, String base, String ours, String theirs) {}

  /** The three versions split and the result's keys planned; null when the file is merged whole. */
  private record Planned(FrontMatterDoc b, FrontMatterDoc o, FrontMatterDoc t, List<Entry> entries) {
    boolean cr() {
      return o.open.endsWith("\r\n");
    }

    String head() {
      return pick(b.open, o.open, t.open) + pick(b.preamble, o.preamble, t.preamble);
    }

    /** The epilogue and the closing line, which gets a line break when a body follows it. */
    String tail(boolean bodyFollows) {
      String close = pick(b.close, o.close, t.close);
      if (bodyFollows && !close.endsWith("\n")) {
        close += cr() ? "\r\n" : "\n";
      }
      return pick(b.epilogue, o.epilogue, t.epilogue) + close;
    }
  }

  private static Planned planned(byte[] base, byte[] ours, byte[] theirs) {
    FrontMatterDoc b = FrontMatterDoc.parse(base);
    FrontMatterDoc o = b == null ? null : FrontMatterDoc.parse(ours);
    FrontMatterDoc t = o == null ? null : FrontMatterDoc.parse(theirs);
    if (t == null
        || (java.util.Arrays.equals(b.block, o.block) && java.util.Arrays.equals(b.block, t.block))) {
      return null;
    }
    List<Entry> entries = plan(b, o, t);
    // The structure is checked on a version that takes ours for each conflicted key: a block cut
    // that would read differently once moved (an alias, a kept trailing blank) falls back.
    return readsAsPlanned(b, o, t, entries) ? new Planned(b, o, t, entries) : null;
  }

  private static Result byKey(byte[] base, byte[] ours, byte[] theirs, TextMerge.Labels labels) {
    Planned p = planned(base, ours, theirs);
    if (p == null) {
      return null;
    }
    StringBuilder fm = new StringBuilder(p.head());
    int conflicts = 0;
    for (Entry e : p.entries) {
      if (e.conflict) {
        conflicts++;
        writeConflict(fm, e, p.b.key(e.name), labels, p.cr());
      } else {
        fm.append(e.chosen.raw());
      }
    }
    TextMerge.Result body = TextMerge.merge(p.b.body, p.o.body, p.t.body, labels);
    fm.append(p.tail(body.content().length > 0));
    return new Result(concat(fm, body.content()), conflicts + body.conflicts(), true);
  }

  /**
   * The regions of the merge {@link #merge} makes, as text, in order: the front matter's pieces
   * (its delimiter lines, then key by key) and the body's {@link TextMerge#hunks}. Taking ours of
   * every conflict piece gives {@link #merge}'s result with ours in each conflict block. Null when
   * the file is merged whole ({@link TextMerge#hunks} then describes it).
   */
  public static List<Piece> pieces(byte[] base, byte[] ours, byte[] theirs) {
    Planned p = planned(base, ours, theirs);
    if (p == null) {
      return null;
    }
    List<Piece> out = new ArrayList<>();
    out.add(piece(p.b.open + p.b.preamble, p.o.open + p.o.preamble, p.t.open + p.t.preamble, p.head()));
    for (Entry e : p.entries) {
      FrontMatterDoc.Key bk = p.b.key(e.name);
      if (e.conflict) {
        if (e.ours != null && !e.ours.comments().isEmpty()) {
          out.add(new Piece(TextMerge.HunkKind.COMMON, null, "", e.ours.comments(), e.ours.comments()));
        }
        out.add(new Piece(
            TextMerge.HunkKind.CONFLICT, e.name, section(bk, p.cr()), section(e.ours, p.cr()),
            section(e.theirs, p.cr())));
      } else {
        out.add(piece(raw(bk), raw(e.ours), raw(e.theirs), e.chosen.raw()));
      }
    }
    List<Piece> body = new ArrayList<>();
    GitLineDiffs.Lines bl = GitLineDiffs.lines(p.b.body);
    GitLineDiffs.Lines ol = GitLineDiffs.lines(p.o.body);
    GitLineDiffs.Lines tl = GitLineDiffs.lines(p.t.body);
    // The merged body is empty, and the closing line then needs no break, when no hunk keeps text.
    boolean bodyFollows = false;
    for (TextMerge.Hunk h : TextMerge.hunks(p.b.body, p.o.body, p.t.body)) {
      Piece piece = new Piece(
          h.kind(), null, TextMerge.text(bl, h.baseStart(), h.baseCount()),
          TextMerge.text(ol, h.oursStart(), h.oursCount()), TextMerge.text(tl, h.theirsStart(), h.theirsCount()));
      bodyFollows |= h.kind() == TextMerge.HunkKind.CONFLICT
          || !(h.kind() == TextMerge.HunkKind.THEIRS ? piece.theirs() : piece.ours()).isEmpty();
      body.add(piece);
    }
    out.add(piece(
        p.b.epilogue + p.b.close, p.o.epilogue + p.o.close, p.t.epilogue + p.t.close, p.tail(bodyFollows)));
    out.addAll(body);
    return out;
  }

  /**
   * The merge with every conflict of the body settled by taking both sides' lines, ours first
   * (as {@link TextMerge#union}); null when the file is merged whole.
   *
   * @throws IllegalArgumentException when a front matter key changed two ways: its two values
   *     cannot both be kept
   */
  public static byte[] union(byte[] base, byte[] ours, byte[] theirs) {
    Planned p = planned(base, ours, theirs);
    if (p == null) {
      return null;
    }
    StringBuilder fm = new StringBuilder(p.head());
    for (Entry e : p.entries) {
      if (e.conflict) {
        throw new IllegalArgumentException(
            "the front matter key '" + e.name + "' changed on both sides, and a key cannot hold both values");
      }
      fm.append(e.chosen.raw());
    }
    byte[] body = TextMerge.union(p.b.body, p.o.body, p.t.body);
    fm.append(p.tail(body.length > 0));
    return concat(fm, body);
  }

  private static byte[] concat(StringBuilder frontMatter, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(frontMatter.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** A region that did not conflict, its kind by which side's text the merge kept. */
  private static Piece piece(String b, String o, String t, String kept) {
    if (o.equals(t) && kept.equals(o)) {
      return new Piece(TextMerge.HunkKind.COMMON, null, b, o, t);
    }
    if (kept.equals(o)) {
      return new Piece(TextMerge.HunkKind.OURS, null, b, o, t);
    }
    if (kept.equals(t)) {
      return new Piece(TextMerge.HunkKind.THEIRS, null, b, o, t);
    }
    return new Piece(TextMerge.HunkKind.COMMON, null, b, kept, kept);
  }

  private static String raw(FrontMatterDoc.Key k) {
    return k == null ? "" : k.raw();
  }

  /** A key of the result: the version chosen, or a conflict between ours and theirs. */
  private static final class Entry {
    final String name;
    final FrontMatterDoc.Key chosen;
    final FrontMatterDoc.Key ours;
    final FrontMatterDoc.Key theirs;
    final boolean conflict;

    Entry(String name, FrontMatterDoc.Key chosen, FrontMatterDoc.Key ours, FrontMatterDoc.Key theirs, boolean conflict) {
      this.name = name;
      this.chosen = chosen;
      this.ours = ours;
      this.theirs = theirs;
      this.conflict = conflict;
    }

    /** The key as written in the probe that checks the structure (ours when conflicted). */
    FrontMatterDoc.Key probe() {
      return conflict ? (ours != null ? ours : theirs) : chosen;
    }
  }

  private static List<Entry> plan(FrontMatterDoc b, FrontMatterDoc o, FrontMatterDoc t) {
    List<Entry> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    for (FrontMatterDoc.Key ok : o.keys) {
      placed.add(ok.name());
      Entry e = decide(ok.name(), b.key(ok.name()), ok, t.key(ok.name()));
      if (e != null) {
        out.add(e);
      }
    }
    String previous = null;
    for (FrontMatterDoc.Key tk : t.keys) {
      String name = tk.name();
      if (!placed.contains(name)) {
        placed.add(name);
        Entry e = decide(name, b.key(name), null, tk);
        if (e != null) {
          out.add(insertionPoint(out, t, previous), e);
        }
      }
      previous = name;
    }
    return out;
  }

  /** After the nearest key before it in theirs that the result holds; else at the end. */
  private static int insertionPoint(List<Entry> out, FrontMatterDoc t, String previous) {
    if (previous == null) {
      return out.size();
    }
    List<String> before = new ArrayList<>();
    for (FrontMatterDoc.Key k : t.keys) {
      if (k.name().equals(previous)) {
        before.add(k.name());
        break;
      }
      before.add(k.name());
    }
    for (int i = before.size() - 1; i >= 0; i--) {
      for (int j = 0; j < out.size(); j++) {
        if (out.get(j).name.equals(before.get(i))) {
          return j + 1;
        }
      }
    }
    return out.size();
  }

  /**
   * The three-way rule for one key, on its own lines (then its value); null when the result has
   * no such key. The comment lines before a key the destination has are the destination's unless
   * only the source changed them.
   */
  private static Entry decide(
      String name, FrontMatterDoc.Key b, FrontMatterDoc.Key o, FrontMatterDoc.Key t) {
    FrontMatterDoc.Key chosen;
    if (sameLines(o, t) || sameLines(t, b)) {
      chosen = o;
    } else if (sameLines(o, b)) {
      chosen = t;
    } else if (o != null && t != null && sameValue(o, t)) {
      chosen = o;
    } else if (o != null && b != null && sameValue(o, b)) {
      chosen = t;
    } else if (t != null && b != null && sameValue(t, b)) {
      chosen = o;
    } else {
      return new Entry(name, null, o, t, true);
    }
    if (chosen == null) {
      return null;
    }
    if (o != null) {
      String comments =
          b != null && t != null ? pick(b.comments(), o.comments(), t.comments()) : o.comments();
      chosen = new FrontMatterDoc.Key(name, comments, chosen.lines(), chosen.value());
    }
    return new Entry(name, chosen, o, t, false);
  }

  private static boolean sameLines(FrontMatterDoc.Key x, FrontMatterDoc.Key y) {
    return x == null ? y == null : y != null && x.lines().equals(y.lines());
  }

  private static boolean sameValue(FrontMatterDoc.Key x, FrontMatterDoc.Key y) {
    return Objects.deepEquals(x.value(), y.value());
  }

  private static boolean readsAsPlanned(
      FrontMatterDoc b, FrontMatterDoc o, FrontMatterDoc t, List<Entry> entries) {
    StringBuilder probe = new StringBuilder(pick(b.preamble, o.preamble, t.preamble));
    List<String> names = new ArrayList<>();
    for (Entry e : entries) {
      probe.append(e.probe().raw());
      names.add(e.name);
    }
    probe.append(pick(b.epilogue, o.epilogue, t.epilogue));
    if (entries.isEmpty()) {
      return true;
    }
    Map<String, Object> read = FrontMatterDoc.load(probe.toString());
    if (read == null || !names.equals(new ArrayList<>(read.keySet()))) {
      return false;
    }
    for (Entry e : entries) {
      if (!Objects.deepEquals(read.get(e.name), e.probe().value())) {
        return false;
      }
    }
    return true;
  }

  /** A piece that is not a key (delimiter lines, leading and trailing comments): ours unless only theirs changed it. */
  private static String pick(String b, String o, String t) {
    return o.equals(b) ? t : o;
  }

  private static void writeConflict(
      StringBuilder out, Entry e, FrontMatterDoc.Key base, TextMerge.Labels labels, boolean cr) {
    if (e.ours != null) {
      out.append(e.ours.comments());
    }
    marker(out, '<', labels.ours(), cr);
    section(out, e.ours, cr);
    marker(out, '|', labels.base(), cr);
    section(out, base, cr);
    marker(out, '=', null, cr);
    section(out, e.theirs, cr);
    marker(out, '>', labels.theirs(), cr);
  }

  private static void section(StringBuilder out, FrontMatterDoc.Key k, boolean cr) {
    out.append(section(k, cr));
  }

  /** A key's own lines ending with a line break; empty for no key. */
  private static String section(FrontMatterDoc.Key k, boolean cr) {
    if (k == null) {
      return "";
    }
    return k.lines().endsWith("\n") ? k.lines() : k.lines() + (cr ? "\r\n" : "\n");
  }

  private static void marker(StringBuilder out, char c, String label, boolean cr) {
    out.append(String.valueOf(c).repeat(MARKER_SIZE));
    if (label != null && !label.isEmpty()) {
      out.append(' ').append(label);
    }
    out.append(cr ? "\r\n" : "\n");
  }
}
