/**
 * The vocabulary tiersync shares from request to disk: artifact ids, tiers, directions, merge
 * strategies, plans, per-artifact results and conflicts. The engine computes with these types,
 * the workflows carry them across the workflow boundary as payloads, and the app stores and shows
 * them, so each meaning has one type.
 *
 * <p>Only values live here: enums and records with no IO, clock or randomness, since workflow
 * code (which must replay deterministically) uses them; {@code EngineIsPlainJavaTest} and the
 * workflows' {@code WorkflowsUseEngineModelOnlyTest} keep it so. Their JSON is the payload and
 * job-store format: enums that were always written by name serialise by name, those written in
 * lower case ({@link dev.tiersync.engine.model.PlanAction}, {@link
 * dev.tiersync.engine.model.ConflictKind}) by label.
 */
package dev.tiersync.engine.model;
