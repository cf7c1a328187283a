/**
 * The fleet: every artifact of a collection against every known project, both edges per cell, read
 * in one pass (the fleet view's matrix and the drift watch's pass).
 */
package dev.tiersync.engine.fleet;
