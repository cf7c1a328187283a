package dev.tiersync.app.upstreams;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.upstream.UpstreamTimeoutException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import org.springframework.http.HttpStatus;

/** How an upstream that could not be read is answered: the gateway's statuses, not the client's. */
final class UpstreamFailures {
  private UpstreamFailures() {}

  /** 504 when the fetch took too long ({@code SYNC_UPSTREAM_TIMEOUT}), else 502. */
  static ApiException of(UpstreamUnavailableException e) {
    HttpStatus status =
        e instanceof UpstreamTimeoutException ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
    return new ApiException(status, null, e.getMessage());
  }
}
