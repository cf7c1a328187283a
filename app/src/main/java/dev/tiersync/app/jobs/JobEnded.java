package dev.tiersync.app.jobs;

/**
 * Published (as a Spring application event) when a job reaches a terminal state, for components
 * that react to what jobs did (a new collection gets its drift watch).
 *
 * @param kind the job's kind ({@code create_collection}, ...)
 * @param state its terminal state ({@code success}, ...)
 */
public record JobEnded(String jobId, String kind, String state, String collection) {}
