package dev.tiersync.activities;

import dev.tiersync.engine.apply.SafePaths;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamRepositoryNotFoundException;
import dev.tiersync.workflows.ErrorTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * Turns engine exceptions into activity failures at the activity boundary: bad input, missing
 * refs and missing upstream repositories become non-retryable failures with a type from {@link
 * ErrorTypes}; other IO failures stay retryable (the workflow's policy allows exactly one retry).
 */
public final class ActivityErrors {
  private ActivityErrors() {}

  public static ApplicationFailure wrap(Exception e) {
    if (e instanceof ApplicationFailure af) {
      return af;
    }
    if (e instanceof SafePaths.UnsafePathException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), ErrorTypes.UNSAFE_PATH, e);
    }
    if (e instanceof UpstreamRefNotFoundException || e instanceof UpstreamRepositoryNotFoundException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), ErrorTypes.NOT_FOUND, e);
    }
    if (e instanceof IllegalArgumentException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), ErrorTypes.VALIDATION, e);
    }
    if (e instanceof IOException || e instanceof java.io.UncheckedIOException) {
      return ApplicationFailure.newFailureWithCause(message(e), ErrorTypes.TRANSIENT_IO, e);
    }
    return ApplicationFailure.newFailureWithCause(message(e), e.getClass().getSimpleName(), e);
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
