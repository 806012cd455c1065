package io.netsec.core.validate;

/**
 * A set of 128-bit row fingerprints with a row count and a few flag bits per entry, in flat
 * arrays (open addressing, linear probing). Memory is about 42 bytes per distinct fingerprint,
 * a fraction of a {@code HashMap} of boxed keys, so millions of distinct rows fit; no library in
 * the core's dependencies has a primitive 128-bit-keyed map, hence this small one.
 */
final class FingerprintTable {

    private long[] high;
    private long[] low;
    private int[] counts;
    private byte[] flags;
    private boolean[] used;
    private int size;

    FingerprintTable() {
        allocate(1 << 12);
    }

    private void allocate(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
        counts = new int[capacity];
        flags = new byte[capacity];
        used = new boolean[capacity];
    }

    /**
     * Adds one occurrence of fingerprint (high, low) with {@code flag} bits or-ed into its flags.
     *
     * @return true when the fingerprint was not in the table before
     */
    boolean add(long h, long l, int flag) {
        if (size * 2 >= used.length) {
            grow();
        }
        int slot = find(h, l);
        boolean added = !used[slot];
        if (added) {
            used[slot] = true;
            high[slot] = h;
            low[slot] = l;
            size++;
        }
        counts[slot]++;
        flags[slot] |= (byte) flag;
        return added;
    }

    private int find(long h, long l) {
        int mask = used.length - 1;
        int slot = (int) (l ^ (l >>> 32)) & mask;
        while (used[slot] && (high[slot] != h || low[slot] != l)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        int[] oldCounts = counts;
        byte[] oldFlags = flags;
        boolean[] oldUsed = used;
        allocate(oldUsed.length * 2);
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int slot = find(oldHigh[i], oldLow[i]);
                used[slot] = true;
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                counts[slot] = oldCounts[i];
                flags[slot] = oldFlags[i];
            }
        }
    }

    /** The number of distinct fingerprints. */
    int size() {
        return size;
    }

    /** How many fingerprints carry every bit of {@code mask}, and how many rows they cover (in that order). */
    long[] countWithFlags(int mask) {
        long entries = 0;
        long rows = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i] && (flags[i] & mask) == mask) {
                entries++;
                rows += counts[i];
            }
        }
        return new long[] {entries, rows};
    }

    @Override
    public String toString() {
        return "FingerprintTable[" + size + " of " + used.length + "]";
    }
}
