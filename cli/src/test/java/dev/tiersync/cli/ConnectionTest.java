package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTest {
  private static Terminal env(Map<String, String> env) {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    return new Terminal(env, InputStream.nullInputStream(), sink, sink, false, false, false, 80);
  }

  @Test
  void server_optionWinsOverTheEnvironment_whichWinsOverTheDefault(@TempDir Path home) {
    Terminal withUrl = env(Map.of("TIERSYNC_URL", "http://env:1"));

    assertThat(Connection.resolve("http://opt:2/", withUrl, home).server())
        .hasToString("http://opt:2");
    assertThat(Connection.resolve(null, withUrl, home).server()).hasToString("http://env:1");
    assertThat(Connection.resolve(null, env(Map.of()), home).server())
        .hasToString("http://localhost:8080");
  }

  @Test
  void token_environmentWinsOverTheFile(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve(".tiersync"));
    Files.writeString(home.resolve(".tiersync/api-token"), " file-token \n");

    Connection fromEnv = Connection.resolve(null, env(Map.of("TIERSYNC_TOKEN", "env-token")), home);
    Connection fromFile = Connection.resolve(null, env(Map.of()), home);

    assertThat(fromEnv.token()).isEqualTo("env-token");
    assertThat(fromEnv.tokenSource()).isEqualTo("TIERSYNC_TOKEN");
    assertThat(fromFile.token()).isEqualTo("file-token");
    assertThat(fromFile.tokenSource()).isEqualTo(home.resolve(".tiersync/api-token").toString());
  }

  @Test
  void token_fileUnderTiersyncHome(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("api-token"), "t");

    Connection c =
        Connection.resolve(null, env(Map.of("TIERSYNC_HOME", dir.toString())), Path.of("/nowhere"));

    assertThat(c.token()).isEqualTo("t");
  }

  @Test
  void token_noneAnywhere_saysWhere(@TempDir Path home) {
    Connection c = Connection.resolve(null, env(Map.of()), home);

    assertThat(c.token()).isNull();
    assertThat(c.tokenSource())
        .contains("TIERSYNC_TOKEN is not set")
        .contains(".tiersync/api-token");
  }

  @Test
  void server_thatIsNoHttpUrl_isAUsageError() {
    for (String bad :
        new String[] {"localhost:8080", "ftp://h", "http://", "http://h/?q=1", "::"}) {
      assertThatThrownBy(() -> Connection.server(bad))
          .as(bad)
          .isInstanceOf(CliException.class)
          .extracting(e -> ((CliException) e).exitCode())
          .isEqualTo(3);
    }
  }
}
