package com.projectmeats.export;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A spreadsheet written with POI's streaming writer: only the last {@link #WINDOW} rows stay in
 * memory, older ones go to a compressed temporary file, so the heap stays flat however long the
 * list. Money is a number in a two-decimal currency format, other decimals numbers, dates real
 * dates, text inline strings (never formulas). Blocking file I/O: use it from a worker thread, one
 * call at a time, and {@link #close()} it whatever happens.
 */
final class Xlsx implements AutoCloseable {
  static final int WINDOW = 200;
  static final String MONEY_FORMAT = "\"$\"#,##0.00";

  private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
  private final SXSSFSheet sheet;
  private final List<ExportColumn> columns;
  private final CellStyle money;
  private final CellStyle date;
  private final CellStyle dateTime;
  private final CellStyle whole;
  private int next;

  Xlsx(String sheetName, List<ExportColumn> columns) {
    workbook.setCompressTempFiles(true);
    this.columns = columns;
    this.sheet =
        workbook.createSheet(sheetName.length() > 31 ? sheetName.substring(0, 31) : sheetName);
    DataFormat formats = workbook.createDataFormat();
    money = style(formats.getFormat(MONEY_FORMAT));
    date = style(formats.getFormat("yyyy-mm-dd"));
    dateTime = style(formats.getFormat("yyyy-mm-dd hh:mm:ss"));
    whole = style(formats.getFormat("0"));
    CellStyle bold = workbook.createCellStyle();
    Font font = workbook.createFont();
    font.setBold(true);
    bold.setFont(font);
    Row header = sheet.createRow(next++);
    for (int i = 0; i < columns.size(); i++) {
      Cell cell = header.createCell(i);
      cell.setCellValue(columns.get(i).label());
      cell.setCellStyle(bold);
      sheet.setColumnWidth(
          i, Math.min(60, Math.max(12, columns.get(i).label().length() + 4)) * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  private CellStyle style(short format) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(format);
    return style;
  }

  void add(List<JsonObject> records) {
    for (JsonObject record : records) {
      Row row = sheet.createRow(next++);
      for (int i = 0; i < columns.size(); i++) {
        ExportColumn column = columns.get(i);
        Object value = record.getValue(column.key());
        if (value == null) {
          continue;
        }
        Cell cell = row.createCell(i);
        switch (column.type()) {
          case MONEY -> {
            cell.setCellValue(new BigDecimal(value.toString()).doubleValue());
            cell.setCellStyle(money);
          }
          case DECIMAL -> {
            cell.setCellValue(new BigDecimal(value.toString()).doubleValue());
            cell.setCellStyle(decimal(column.scale()));
          }
          case INTEGER -> {
            cell.setCellValue(((Number) value).doubleValue());
            cell.setCellStyle(whole);
          }
          case DATE -> {
            cell.setCellValue(LocalDate.parse(value.toString()));
            cell.setCellStyle(date);
          }
          case DATETIME -> {
            cell.setCellValue(
                Instant.parse(value.toString()).atOffset(ZoneOffset.UTC).toLocalDateTime());
            cell.setCellStyle(dateTime);
          }
          case BOOLEAN -> cell.setCellValue((Boolean) value);
          default -> cell.setCellValue(column.text(record));
        }
      }
    }
  }

  private final java.util.Map<Integer, CellStyle> decimals = new java.util.HashMap<>();

  private CellStyle decimal(int scale) {
    return decimals.computeIfAbsent(
        scale,
        s -> style(workbook.createDataFormat().getFormat("#,##0." + "0".repeat(Math.max(1, s)))));
  }

  /** Zips the workbook into {@code out}; the rows already on disk are read back from there. */
  void writeTo(OutputStream out) throws IOException {
    workbook.write(out);
  }

  @Override
  public void close() throws IOException {
    workbook.close();
  }
}
