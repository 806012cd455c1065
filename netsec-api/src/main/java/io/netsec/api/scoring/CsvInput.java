package io.netsec.api.scoring;

import io.netsec.api.problem.ApiProblem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks a body before the CSV parser sees it: within the size limit, not empty, and text (a
 * NUL byte in the first 8 KiB means a binary file such as a spreadsheet or an image).
 */
public final class CsvInput {

    private static final int SNIFF = 8192;

    private CsvInput() {
    }

    /** {@code in}, limited to {@code limit} bytes and checked to look like CSV text. */
    public static InputStream checked(InputStream in, long limit) throws IOException {
        if (in == null) {
            throw ApiProblem.emptyFile();
        }
        BufferedInputStream buffered = new BufferedInputStream(new LimitedInputStream(in, limit), 1 << 16);
        buffered.mark(SNIFF);
        byte[] head = buffered.readNBytes(SNIFF);
        buffered.reset();
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
            throw ApiProblem.notCsv("the body is UTF-16 text; save the file as CSV, UTF-8");
        }
        boolean blank = true;
        for (byte b : head) {
            if (b == 0) {
                throw ApiProblem.notCsv("the body is binary, not CSV text (save the sheet as CSV, UTF-8)");
            }
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                blank = false;
            }
        }
        if (blank) {
            throw ApiProblem.emptyFile();
        }
        return buffered;
    }
}
