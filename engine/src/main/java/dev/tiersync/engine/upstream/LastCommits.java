package dev.tiersync.engine.upstream;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The newest commit that changed each of many paths, in one walk of the history rather than one
 * {@code git log -1 -- <path>} per path: commits are visited newest first, each compared with its
 * parents on the paths still unattributed only (the path filter skips every other subtree, and
 * equal subtrees are skipped by id), and the walk stops once every path has its commit. A merge
 * changed a path when the path differs from every parent, as {@code git log}'s default history
 * simplification has it; otherwise the change is found on the side it came from.
 */
final class LastCommits {
  private LastCommits() {}

  /**
   * @param head the commit the history is read from
   * @param paths clean paths inside the repository ({@code ""}: the root)
   * @return path → its newest changing commit; a path whose history the walk does not reach (a
   *     shallow mirror) is left out
   */
  static Map<String, CommitInfo> of(RevWalk walk, ObjectId head, Collection<String> paths)
      throws IOException {
    Set<String> open = new HashSet<>(paths);
    Map<String, CommitInfo> out = new HashMap<>();
    walk.reset();
    RevCommit start = walk.parseCommit(head);
    // The root holds everything: the newest commit changed it.
    if (open.remove("")) {
      out.put("", CommitInfo.of(start));
    }
    if (open.isEmpty()) {
      return out;
    }
    ObjectReader reader = walk.getObjectReader();
    walk.markStart(start);
    TreeFilter filter = filter(open);
    for (RevCommit c = walk.next(); c != null && !open.isEmpty(); c = walk.next()) {
      Set<String> changed = null;
      if (c.getParentCount() == 0) {
        changed = changed(reader, filter, open, c.getTree(), null);
      }
      for (RevCommit parent : c.getParents()) {
        walk.parseHeaders(parent);
        Set<String> differs = changed(reader, filter, open, c.getTree(), parent.getTree());
        if (changed == null) {
          changed = differs;
        } else {
          changed.retainAll(differs);
        }
        if (changed.isEmpty()) {
          break;
        }
      }
      if (!changed.isEmpty()) {
        CommitInfo info = CommitInfo.of(c);
        for (String p : changed) {
          out.put(p, info);
        }
        open.removeAll(changed);
        filter = open.isEmpty() ? filter : filter(open);
      }
    }
    return out;
  }

  private static TreeFilter filter(Set<String> paths) {
    return AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF);
  }

  /**
   * The open paths whose entry differs between the two trees (null {@code parent}: that exist in
   * {@code tree}). Entries inside a path are not visited: its tree id already says.
   */
  private static Set<String> changed(
      ObjectReader reader, TreeFilter filter, Set<String> open, RevTree tree, RevTree parent)
      throws IOException {
    Set<String> out = new HashSet<>();
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(tree);
      if (parent != null) {
        tw.addTree(parent);
        tw.setFilter(filter);
      } else {
        tw.setFilter(PathFilterGroup.createFromStrings(open));
      }
      tw.setRecursive(false);
      while (tw.next()) {
        String path = tw.getPathString();
        if (open.contains(path)) {
          out.add(path);
        } else if (tw.isSubtree()) {
          tw.enterSubtree();
        }
      }
    }
    return out;
  }
}
