package dev.tiersync.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the user where the UI is once the app is ready, and, on the start that generated the API
 * token, the token itself: the only time it is printed. Later starts point at the token file.
 */
@Component
class StartupNotice {
  private static final Logger log = LoggerFactory.getLogger(StartupNotice.class);

  private final ApiTokens tokens;

  StartupNotice(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    String url = "http://localhost:" + port(event);
    tokens
        .generatedThisStart()
        .ifPresentOrElse(
            token ->
                log.info(
                    "tiersync is ready at {} - sign in with this API token (shown once; kept in {}): {}",
                    url, tokens.tokenFile(), token),
            () -> log.info("tiersync is ready at {}", url));
  }

  private static int port(ApplicationReadyEvent event) {
    return event.getApplicationContext() instanceof WebServerApplicationContext web
        ? web.getWebServer().getPort()
        : -1;
  }
}
