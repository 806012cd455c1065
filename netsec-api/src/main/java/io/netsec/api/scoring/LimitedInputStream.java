package io.netsec.api.scoring;

import io.netsec.api.problem.ApiProblem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with a 413 problem once more than {@code limit} bytes were read: bodies are streamed, never trusted. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw ApiProblem.tooLarge(limit);
        }
    }
}
