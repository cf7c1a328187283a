package dev.tiersync.engine.sync;

import java.util.List;

/**
 * What resolving one conflicted artifact did: the outcome and why, the files that still hold
 * conflict markers, and the destination's hash before and after (the version before is kept in
 * the history store, so nothing is lost).
 */
public record ResolveResult(
    ApplyResult.Outcome outcome,
    String reason,
    List<String> unresolvedFiles,
    String beforeHash,
    String afterHash) {}
