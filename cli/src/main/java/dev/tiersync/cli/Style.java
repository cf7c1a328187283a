package dev.tiersync.cli;

import java.util.Locale;

/**
 * ANSI colours, or none: on only when stdout is a terminal (or {@code --color=always}), never with
 * {@code NO_COLOR} set (no-color.org), {@code TERM=dumb} or {@code --color=never}.
 */
final class Style {
  /** The {@code --color} choices. */
  enum ColorMode {
    AUTO,
    ALWAYS,
    NEVER
  }

  private static final String RESET = "\u001b[0m";

  private final boolean enabled;

  Style(boolean enabled) {
    this.enabled = enabled;
  }

  static Style of(ColorMode mode, Terminal terminal) {
    return new Style(
        switch (mode) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO ->
              terminal.stdoutIsTerminal()
                  && terminal.env("NO_COLOR") == null
                  && !"dumb".equals(terminal.env("TERM"));
        });
  }

  boolean enabled() {
    return enabled;
  }

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  String red(String s) {
    return wrap("31", s);
  }

  String green(String s) {
    return wrap("32", s);
  }

  String yellow(String s) {
    return wrap("33", s);
  }

  String magenta(String s) {
    return wrap("35", s);
  }

  String cyan(String s) {
    return wrap("36", s);
  }

  /** An artifact status, job state or outcome in the colour of what it asks of the reader. */
  String label(String value) {
    if (value == null) {
      return "";
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "synced", "success", "unchanged", "none", "identical" -> green(value);
      case "outdated",
          "modified",
          "missing",
          "removed",
          "created",
          "updated",
          "merged",
          "create",
          "update",
          "merge" ->
          yellow(value);
      case "diverged" -> magenta(value);
      case "conflict", "error" -> red(value);
      case "running", "queued" -> cyan(value);
      default -> dim(value);
    };
  }

  private String wrap(String code, String s) {
    return enabled && !s.isEmpty() ? "\u001b[" + code + "m" + s + RESET : s;
  }
}
