package com.projectmeats.paperwork;

import java.util.List;

/**
 * One outgoing document as content, before any layout: what {@link SheetPdf} draws. Built from a
 * record by {@link Sheets}; every value is already the text to print.
 *
 * @param title "Purchase order"
 * @param number the record's number ("10001")
 * @param parties address blocks side by side (supplier, pick-up, delivery …)
 * @param details label and value pairs (dates, terms, reference numbers)
 * @param table the lines, or null for a document without lines
 * @param totals label and amount pairs under the lines, the last one emphasised
 * @param notes titled paragraphs after the totals (instructions, terms, remit-to)
 */
record Sheet(
    String title,
    String number,
    List<Block> parties,
    List<Pair> details,
    Table table,
    List<Pair> totals,
    List<Block> notes) {

  record Pair(String label, String value) {}

  /** A titled group of lines; blank lines are dropped when drawn. */
  record Block(String title, List<String> lines) {}

  /** Columns (header, share of the width, right-aligned) and rows of cell text. */
  record Table(List<Column> columns, List<List<String>> rows) {}

  record Column(String header, float share, boolean right) {}
}
