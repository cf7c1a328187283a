/**
 * Browsing an upstream Git repository that no collection follows yet: what artifacts it holds at a
 * branch, tag or commit (issue 16's "Add from a Git repository").
 *
 * <p>Start at {@link dev.tiersync.engine.browse.UpstreamBrowser}.
 */
package dev.tiersync.engine.browse;
