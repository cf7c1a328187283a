package dev.tiersync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.TiersyncProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ApiTokensTest {

  @Test
  void withoutConfiguredTokens_oneIsGeneratedOwnerOnly_andReusedOnTheNextStart() throws Exception {
    TiersyncProperties properties = properties(List.of());
    ApiTokens first = new ApiTokens(properties, new DataDirectory(properties));
    String token = first.generatedThisStart().orElseThrow();
    Path file = properties.home().resolve(ApiTokens.TOKEN_FILE);

    ApiTokens second = new ApiTokens(properties, new DataDirectory(properties));

    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(Files.readString(file).strip()).isEqualTo(token);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(first.principalOf(token)).isPresent();
    assertThat(second.generatedThisStart()).isEmpty();
    assertThat(second.principalOf(token)).isEqualTo(first.principalOf(token));
  }

  @Test
  void configuredTokens_areTheOnlyOnesAccepted_andNoFileIsWritten() {
    TiersyncProperties properties = properties(List.of("alpha-token-1", " beta-token-2 "));
    ApiTokens tokens = new ApiTokens(properties, new DataDirectory(properties));

    assertThat(tokens.principalOf("alpha-token-1")).hasValueSatisfying(p -> assertThat(p).startsWith("token:"));
    assertThat(tokens.principalOf("beta-token-2")).isPresent();
    assertThat(tokens.principalOf("alpha-token-1")).isNotEqualTo(tokens.principalOf("beta-token-2"));
    assertThat(tokens.principalOf("alpha-token-")).isEmpty();
    assertThat(tokens.principalOf("")).isEmpty();
    assertThat(tokens.principalOf(null)).isEmpty();
    assertThat(tokens.generatedThisStart()).isEmpty();
    assertThat(properties.home().resolve(ApiTokens.TOKEN_FILE)).doesNotExist();
  }

  @Test
  void principal_neverContainsTheToken() {
    TiersyncProperties properties = properties(List.of("a-secret-value-123"));
    String principal = new ApiTokens(properties, new DataDirectory(properties)).principalOf("a-secret-value-123").orElseThrow();

    assertThat(principal).matches("token:[0-9a-f]{8}").doesNotContain("secret");
  }

  private static TiersyncProperties properties(List<String> tokens) {
    Path home = TestDataHome.newHome();
    return new TiersyncProperties(
        home, home.resolveSibling("collections"), List.of(), tokens,
        new TiersyncProperties.Sync(true, TiersyncProperties.JobStore.SQLITE, true, DataSize.ofMegabytes(1), dev.tiersync.engine.patch.BundleFormat.TAR_GZ, 10, java.time.Duration.ofSeconds(60), null),
        new TiersyncProperties.Temporal("", "default"), "test");
  }
}
