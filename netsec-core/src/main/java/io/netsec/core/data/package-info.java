/**
 * Records and tables: reading CSV ({@code CsvRecordSource}, and {@code CsvRecordBounds} to cut
 * a file into blocks of whole records), raw records and headers matched against a schema, data
 * sets for training, and {@link io.netsec.core.data.RowEncoder}: the one definition of how a
 * cell (text, an integer, ASCII bytes, or a value: {@link io.netsec.core.data.CellValue}) becomes
 * a feature value. A new column type is a {@code ColumnType} in the schema and its case in the
 * encoder; every way in follows from there.
 */
package io.netsec.core.data;
