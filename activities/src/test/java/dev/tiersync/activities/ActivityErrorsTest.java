package dev.tiersync.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamRepositoryNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import dev.tiersync.workflows.ErrorTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityErrorsTest {

  @Test
  void missingRepository_isNotFound_andNotRetried() {
    ApplicationFailure f =
        ActivityErrors.wrap(
            new UpstreamRepositoryNotFoundException("file:///nonexistent.git", "no repository", null));

    assertThat(f.getType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(List.of(ErrorTypes.NON_RETRYABLE)).contains(f.getType());
  }

  @Test
  void missingRef_isNotFound_unreachableUpstream_isTransient() {
    ApplicationFailure ref = ActivityErrors.wrap(new UpstreamRefNotFoundException("u", "v9", null, "no ref"));
    ApplicationFailure down =
        ActivityErrors.wrap(new UpstreamUnavailableException("http://127.0.0.1:1/x.git", "connection refused", null));

    assertThat(ref.getType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(ref.isNonRetryable()).isTrue();
    assertThat(down.getType()).isEqualTo(ErrorTypes.TRANSIENT_IO);
    assertThat(down.isNonRetryable()).isFalse();
  }
}
