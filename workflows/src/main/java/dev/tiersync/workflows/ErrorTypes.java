package dev.tiersync.workflows;

/**
 * The {@code ApplicationFailure} types activities throw. Types listed in {@link #NON_RETRYABLE}
 * are permanent: retrying cannot help, so the retry policy stops at once.
 */
public final class ErrorTypes {
  /** Bad input discovered while working (unknown artifact, project outside the roots, ...). */
  public static final String VALIDATION = "Validation";
  /** A ref or path that does not exist upstream. */
  public static final String NOT_FOUND = "NotFound";
  /** A write would leave its artifact (unsafe path or link). */
  public static final String UNSAFE_PATH = "UnsafePath";
  /**
   * A host's agent did not answer: nothing picked its request up from the host's task queue in
   * time, or it did not finish in time. Not retried by the workflow that asked; the caller decides.
   */
  public static final String HOST_OFFLINE = "HostOffline";
  /**
   * A host's agent and the server's object API disagree in a way a retry cannot mend: a version
   * the server does not hold, a token it refuses, content under a wrong hash.
   */
  public static final String VERSION_TRANSFER = "VersionTransfer";
  /** An IO failure that may succeed on retry (network, busy file). */
  public static final String TRANSIENT_IO = "TransientIo";

  /** Failure types the retry policy never retries. */
  public static final String[] NON_RETRYABLE = {VALIDATION, NOT_FOUND, UNSAFE_PATH, VERSION_TRANSFER};

  private ErrorTypes() {}
}
