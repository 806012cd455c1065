package io.netsec.cli;

import io.netsec.ingestion.file.OutputFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Where each data row went, as CSV ({@code row,<what>}: row 0 is the file's first data row), so
 * that a baseline can be computed on exactly the rows netsec used: evaluate's outer folds
 * ({@code --folds-out}), train's split ({@code --split-out}). Written whole or not at all, never
 * over an input.
 */
final class RowAssignmentFile {

    private RowAssignmentFile() {
    }

    static void write(Path file, List<Path> inputs, String column, String[] valueOfRow) throws IOException {
        OutputFile.check(file, inputs);
        try (OutputFile out = OutputFile.open(file, inputs)) {
            try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8))) {
                writer.write("row," + column + "\n");
                for (int row = 0; row < valueOfRow.length; row++) {
                    writer.write(row + "," + valueOfRow[row] + "\n");
                }
            }
            out.commit();
        }
    }
}
