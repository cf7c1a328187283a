/**
 * Read-only access to upstream Git repositories through local bare mirrors: resolving refs,
 * reading an artifact's tree at a commit, and the commits that touched it (SPEC section 1).
 *
 * <p>Start at {@link dev.tiersync.engine.upstream.UpstreamCache}.
 */
package dev.tiersync.engine.upstream;
