package dev.tiersync.engine.patch;

import dev.tiersync.engine.diff.LineRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.HunkHeader;

/**
 * The placement rules of {@code git apply} that JGit's {@code PatchApplier} does not enforce (it
 * slides every hunk to wherever its lines match): a hunk that starts at the first line must match
 * at the top of the file, and a hunk without trailing context must match at the bottom, byte for
 * byte. As in git's {@code match_fragment}, an old line without a newline may match a longer line
 * when the hunk need not end the file, provided only whitespace follows.
 */
final class HunkAnchors {
  private HunkAnchors() {}

  /** Whether every anchored hunk of {@code file} matches {@code target} where git requires it. */
  static boolean hold(FileHeader file, byte[] target) {
    LineRecords lines = LineRecords.split(target);
    for (HunkHeader h : file.getHunks()) {
      List<byte[]> old = new ArrayList<>();
      int trailingContext = oldImage(h, old);
      int n = old.size();
      boolean top = h.getOldImage().getStartLine() <= 1;
      boolean bottom = trailingContext == 0;
      if (top && !matchesAt(lines, 0, old, bottom)) {
        return false;
      }
      if (bottom && !matchesAt(lines, lines.size() - n, old, true)) {
        return false;
      }
      if (top && bottom && lines.size() != n) {
        return false;
      }
    }
    return true;
  }

  /** Collects the hunk's old lines (with their newline, if any); returns its trailing context. */
  private static int oldImage(HunkHeader h, List<byte[]> lines) {
    byte[] buf = h.getBuffer();
    int end = h.getEndOffset();
    int pos = nextLine(buf, h.getStartOffset(), end);
    int trailing = 0;
    char previous = 0;
    while (pos < end) {
      int next = nextLine(buf, pos, end);
      char kind = (char) buf[pos];
      if (kind == ' ' || kind == '-') {
        lines.add(Arrays.copyOfRange(buf, pos + 1, next));
        trailing = kind == ' ' ? trailing + 1 : 0;
      } else if (kind == '+') {
        trailing = 0;
      } else if (kind == '\\' && (previous == ' ' || previous == '-')) {
        // "\ No newline at end of file" belongs to the line before it.
        byte[] last = lines.get(lines.size() - 1);
        if (last.length > 0 && last[last.length - 1] == '\n') {
          lines.set(lines.size() - 1, Arrays.copyOf(last, last.length - 1));
        }
      }
      previous = kind;
      pos = next;
    }
    return trailing;
  }

  private static boolean matchesAt(
      LineRecords target, int at, List<byte[]> lines, boolean mustEndFile) {
    if (at < 0 || at + lines.size() > target.size()) {
      return false;
    }
    byte[] data = target.data();
    for (int i = 0; i < lines.size(); i++) {
      byte[] want = lines.get(i);
      int start = target.start(at + i);
      int end = target.end(at + i);
      boolean lastLine = i == lines.size() - 1;
      if (lastLine && !mustEndFile && end - start > want.length) {
        if (!Arrays.equals(data, start, start + want.length, want, 0, want.length)
            || !onlyWhitespace(data, start + want.length, end)) {
          return false;
        }
      } else if (!Arrays.equals(data, start, end, want, 0, want.length)) {
        return false;
      }
    }
    return true;
  }

  /** C's {@code isspace}, as git's line hash skips it. */
  private static boolean onlyWhitespace(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = data[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != 0x0b && c != '\f' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private static int nextLine(byte[] buf, int pos, int end) {
    int i = pos;
    while (i < end && buf[i] != '\n') {
      i++;
    }
    return Math.min(i + 1, end);
  }
}
