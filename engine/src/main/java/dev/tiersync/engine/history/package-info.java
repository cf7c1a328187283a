/**
 * The history store: every artifact version tiersync reads or writes, content-addressed by the
 * canonical content hash in a bare Git repository, plus per-tier lineages (SPEC section 3).
 *
 * <p>Start at {@link dev.tiersync.engine.history.HistoryStore}; its class comment describes the ref
 * layout.
 */
package dev.tiersync.engine.history;
