/**
 * The "push upstream" patch bundle (SPEC section 5, patch export): tiersync never writes to an
 * upstream, it exports an archive holding a git-style patch per artifact against the upstream base
 * commit, the project's version of every changed file, and a {@code manifest.json} with hashes and
 * a trial apply against the current upstream head.
 *
 * <p>Start at {@link dev.tiersync.engine.patch.PatchBundleBuilder}; {@link
 * dev.tiersync.engine.patch.GitPatchWriter} writes the byte-exact patch text.
 */
package dev.tiersync.engine.patch;
