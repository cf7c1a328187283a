package dev.tiersync.engine.model;

import java.util.Locale;
import java.util.Optional;

/** Reads the lower-case labels the API uses for the vocabulary's enums. */
final class EnumLabels {
  private EnumLabels() {}

  /** The constant whose name the label spells, ignoring case and surrounding blanks. */
  static <E extends Enum<E>> Optional<E> parse(Class<E> type, String label) {
    if (label == null) {
      return Optional.empty();
    }
    String name = label.trim().toUpperCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
