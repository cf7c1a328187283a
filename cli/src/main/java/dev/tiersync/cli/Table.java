package dev.tiersync.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain text table: left-aligned columns two spaces apart, widths from the plain text, so that
 * colour added per cell does not shift the columns.
 */
final class Table {
  private final String[] headers;
  private final List<String[]> rows = new ArrayList<>();
  private final UnaryOperator<String>[] colours;
  private int fit;

  @SuppressWarnings("unchecked")
  Table(String... headers) {
    this.headers = headers;
    this.colours = new UnaryOperator[headers.length];
    Arrays.fill(colours, UnaryOperator.identity());
  }

  /** Colours every cell of a column (not its header). */
  Table colour(int column, UnaryOperator<String> colour) {
    colours[column] = colour;
    return this;
  }

  /** Adds a row; a null cell prints as {@code -}. */
  Table row(String... cells) {
    String[] row = new String[headers.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = i < cells.length && cells[i] != null ? cells[i] : "-";
    }
    rows.add(row);
    return this;
  }

  /**
   * Cuts the last column's cells so that every line fits in {@code columns} characters (0: no
   * limit), keeping at least 20 of them however narrow the terminal (a description, say, whose end
   * matters least).
   */
  Table fit(int columns) {
    fit = columns;
    return this;
  }

  /** {@code text} cut to {@code max} characters, the cut marked with {@code …}; null stays null. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintStream out) {
    int[] widths = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      widths[i] = headers[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    if (fit > 0) {
      int last = headers.length - 1;
      int room = fit;
      for (int i = 0; i < last; i++) {
        room -= widths[i] + 2;
      }
      for (String[] row : rows) {
        row[last] = cut(row[last], Math.max(20, room));
      }
    }
    out.println(line(headers, widths, false));
    for (String[] row : rows) {
      out.println(line(row, widths, true));
    }
  }

  private String line(String[] cells, int[] widths, boolean coloured) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      b.append(coloured ? colours[i].apply(cells[i]) : cells[i]);
      if (i < cells.length - 1) {
        b.append(" ".repeat(widths[i] - cells[i].length() + 2));
      }
    }
    return b.toString();
  }
}
