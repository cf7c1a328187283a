/**
 * The "push upstream" patch bundle (SPEC section 5, patch export): tiersync never writes to an
 * upstream, it exports an archive holding a git-style patch per artifact, every changed file as
 * its patch leaves it, and a {@code manifest.json} with hashes, the merge base and a trial apply
 * against the current upstream head. By default ({@link dev.tiersync.engine.patch.PatchBase})
 * each patch carries only the project's own changes, rebased on the head.
 *
 * <p>Start at {@link dev.tiersync.engine.patch.PatchBundleBuilder}; {@link
 * dev.tiersync.engine.patch.PatchSides} decides what each file's section turns into what, {@link
 * dev.tiersync.engine.patch.MergeBaseFinder} finds where the local changes start, and {@link
 * dev.tiersync.engine.patch.GitPatchWriter} writes the byte-exact patch text.
 */
package dev.tiersync.engine.patch;
