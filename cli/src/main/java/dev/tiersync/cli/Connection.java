package dev.tiersync.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the server is and the token to show it: {@code --server}, else {@code TIERSYNC_URL}, else
 * {@code http://localhost:8080}; the token from {@code TIERSYNC_TOKEN}, else from the file the app
 * generates on its first start, {@code $TIERSYNC_HOME/api-token} ({@code ~/.tiersync/api-token}).
 *
 * @param tokenSource where the token came from (or why there is none), for error messages
 */
record Connection(URI server, String token, String tokenSource) {
  static final String DEFAULT_SERVER = "http://localhost:8080";

  /** The name of the token file in the app's data directory (the app's {@code ApiTokens}). */
  static final String TOKEN_FILE = "api-token";

  /** Resolves the server and the token from the option and the environment. */
  static Connection resolve(String serverOption, Terminal terminal, Path userHome) {
    String server = serverOption != null ? serverOption : terminal.env("TIERSYNC_URL");
    URI uri = server(server == null ? DEFAULT_SERVER : server);
    String token = terminal.env("TIERSYNC_TOKEN");
    if (token != null) {
      return new Connection(uri, token.strip(), "TIERSYNC_TOKEN");
    }
    String home = terminal.env("TIERSYNC_HOME");
    Path file = (home == null ? userHome.resolve(".tiersync") : Path.of(home)).resolve(TOKEN_FILE);
    try {
      String fromFile = Files.readString(file, StandardCharsets.UTF_8).strip();
      return new Connection(uri, fromFile.isEmpty() ? null : fromFile, file.toString());
    } catch (NoSuchFileException e) {
      return new Connection(
          uri, null, "no token: TIERSYNC_TOKEN is not set and " + file + " does not exist");
    } catch (IOException e) {
      return new Connection(uri, null, "no token: cannot read " + file + " (" + e + ")");
    }
  }

  /** Checks a server URL: http or https, a host, nothing after the path. */
  static URI server(String value) {
    String trimmed = value.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw CliException.usage(
            "the server URL must look like http://host:port, got '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CliException.usage(
          "the server URL must look like http://host:port, got '" + value + "'");
    }
  }
}
