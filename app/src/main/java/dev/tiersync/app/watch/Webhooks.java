package dev.tiersync.app.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.SecretFile;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The webhooks of {@code SYNC_WEBHOOKS}: one signed JSON {@code POST} per pass with transitions
 * (split into requests of at most {@link #EVENTS_PER_REQUEST} events), written as deliveries when
 * the pass is published and made by a {@code WebhookWorkflow} each, which retries them.
 */
@Component
class Webhooks {
  static final int EVENTS_PER_REQUEST = 500;
  static final String SECRET_FILE = "webhook-secret";
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

  private final WatchProperties properties;
  private final WatchFiles files;
  private final ObjectMapper json;
  private final String secret;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).followRedirects(HttpClient.Redirect.NEVER).build();

  Webhooks(WatchProperties properties, WatchFiles files, ObjectMapper json, DataDirectory data) {
    this.properties = properties;
    this.files = files;
    this.json = json;
    this.secret =
        properties.webhookSecret().isEmpty()
            ? SecretFile.readOrCreate(
                data.root().resolve(SECRET_FILE), "the webhook secret file",
                "delete it to generate a new secret, or set SYNC_WEBHOOK_SECRET")
            : properties.webhookSecret();
  }

  /** The body of one webhook request. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Body(String collection, Instant passAt, List<DriftEvent> events) {}

  /**
   * Writes the deliveries of a pass's events, one per webhook and chunk; their ids are derived
   * from the pass, so writing them again (a retried publish) writes the same deliveries.
   */
  List<String> write(String collection, String passId, Instant passAt, List<DriftEvent> events) {
    List<String> ids = new ArrayList<>();
    if (events.isEmpty()) {
      return ids;
    }
    for (URI url : properties.webhooks()) {
      for (int from = 0; from < events.size(); from += EVENTS_PER_REQUEST) {
        List<DriftEvent> chunk = events.subList(from, Math.min(events.size(), from + EVENTS_PER_REQUEST));
        String id =
            UUID.nameUUIDFromBytes((passId + '\n' + url + '\n' + from).getBytes(StandardCharsets.UTF_8))
                .toString();
        try {
          files.writeDelivery(
              new WatchFiles.Delivery(
                  id, url.toString(), json.writeValueAsString(new Body(collection, passAt, chunk))));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("cannot write a webhook body", e);
        }
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * Makes a delivery. A delivery already made (its file gone) succeeds at once.
   *
   * @throws ApplicationFailure non-retryable for a 4xx answer other than 408 and 429
   * @throws IOException when there is no answer (retried)
   */
  void deliver(String deliveryId) throws IOException, InterruptedException {
    WatchFiles.Delivery d = files.delivery(deliveryId).orElse(null);
    if (d == null) {
      return;
    }
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(d.url()))
            .timeout(ANSWER_WITHIN)
            .header("Content-Type", "application/json")
            .header("User-Agent", "tiersync-watch")
            .header("X-Tiersync-Event", "drift")
            .header("X-Tiersync-Delivery", d.id())
            .header("X-Tiersync-Signature", "sha256=" + sign(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status / 100 == 2) {
      files.delivered(d.id());
      return;
    }
    String message = "webhook " + d.url() + " answered " + status;
    if (status / 100 == 4 && status != 408 && status != 429) {
      files.delivered(d.id());
      throw ApplicationFailure.newNonRetryableFailure(message, "WebhookRefused");
    }
    throw new IOException(message);
  }

  /** The hex HMAC-SHA256 of {@code body} with the webhook secret. */
  String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
