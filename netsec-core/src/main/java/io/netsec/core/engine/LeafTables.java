package io.netsec.core.engine;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Leaf tables for the trees of a {@link ConditionBits} walk that read few conditions: the
 * i-th such tree's leaf position is {@code table[offset[i] + compress(met, mask[i])]}, where
 * {@code mask[i]} holds the bits of the conditions it reads. A table has 2^k entries for k
 * conditions, so trees get one while it is small (at most 2^{@value #MAX_BITS} entries) and
 * all of them fit in {@value #BUDGET} bytes, the trees of fewest conditions first (a cache's
 * worth: a table read from memory would cost more than the walk); the rest walk.
 */
final class LeafTables {

    static final int MAX_BITS = 16;
    static final int BUDGET = 1 << 20;

    /** The trees with a table, in order. */
    final int[] tree;
    /** Per tree with a table, the conditions it reads. */
    final long[] mask;
    /** Per tree with a table, where its table starts. */
    final int[] offset;
    /** The padded leaf positions (0 to 2^depth - 1, unsigned). */
    final byte[] table;
    /** The trees without a table, in order (walked eight in lock step). */
    final int[] walked;

    private LeafTables(int[] tree, long[] mask, int[] offset, byte[] table, int[] walked) {
        this.tree = tree;
        this.mask = mask;
        this.offset = offset;
        this.table = table;
        this.walked = walked;
    }

    /** The tables for {@code trees} (none when the trees are too deep for a byte's positions). */
    static LeafTables of(CompleteTrees trees, byte[] condition, int never) {
        int count = trees.leaf.length >> trees.depth;
        long[] masks = new long[count];
        for (int t = 0; t < count; t++) {
            for (int p = 0; p < trees.inner; p++) {
                int bit = condition[t * trees.inner + p];
                masks[t] |= bit == never ? 0 : 1L << bit;
            }
        }
        // the trees of fewest conditions first, while their tables fit
        int[] byConditions = IntStream.range(0, count).boxed()
                .sorted(Comparator.comparingInt(t -> Long.bitCount(masks[t])))
                .mapToInt(Integer::intValue).toArray();
        boolean[] tabled = new boolean[count];
        int size = 0;
        for (int t : byConditions) {
            int bits = Long.bitCount(masks[t]);
            if (trees.depth > 8 || bits > MAX_BITS || size + (1 << bits) > BUDGET) {
                break; // past depth 8 a position does not fit a byte
            }
            tabled[t] = true;
            size += 1 << bits;
        }
        int[] tree = IntStream.range(0, count).filter(t -> tabled[t]).toArray();
        int[] walked = IntStream.range(0, count).filter(t -> !tabled[t]).toArray();
        long[] mask = new long[tree.length];
        int[] offset = new int[tree.length];
        byte[] table = new byte[size];
        for (int i = 0, at = 0; i < tree.length; i++) {
            mask[i] = masks[tree[i]];
            offset[i] = at;
            fill(trees, condition, never, tree[i], mask[i], 0, 0, 0, 0, table, at);
            at += 1 << Long.bitCount(mask[i]);
        }
        return new LeafTables(tree, mask, offset, table, walked);
    }

    /**
     * Writes tree {@code t}'s leaf positions into its table at {@code at}, below padded node
     * {@code p} at {@code level}, where the path so far has tested the conditions
     * {@code tested} and met those of {@code met}: every index that agrees with a leaf's path
     * gets that leaf, so each entry is written once. (Walking the tree for each of the 2^k
     * indices cost 0.15 s of a command-line start, mostly before the JIT compiled it.)
     */
    private static void fill(CompleteTrees trees, byte[] condition, int never, int t, long mask, int p, int level,
                             long tested, long met, byte[] table, int at) {
        if (level == trees.depth) {
            long fixed = Long.compress(tested, mask);
            long free = ((1L << Long.bitCount(mask)) - 1) & ~fixed;
            int index = (int) Long.compress(met, mask);
            long subset = 0;
            do { // every subset of the conditions this path does not test
                table[at + (index | (int) subset)] = (byte) (p - trees.inner);
                subset = (subset - free) & free;
            } while (subset != 0);
            return;
        }
        int c = condition[t * trees.inner + p];
        if (c == never) {
            // a padding node: no vector meets its condition, so every walk goes left
            fill(trees, condition, never, t, mask, 2 * p + 1, level + 1, tested, met, table, at);
            return;
        }
        long bit = 1L << c;
        if ((tested & bit) != 0) {
            // tested higher up on this path: only the side taken there
            fill(trees, condition, never, t, mask, (met & bit) != 0 ? 2 * p + 2 : 2 * p + 1, level + 1,
                    tested, met, table, at);
            return;
        }
        fill(trees, condition, never, t, mask, 2 * p + 1, level + 1, tested | bit, met, table, at);
        fill(trees, condition, never, t, mask, 2 * p + 2, level + 1, tested | bit, met | bit, table, at);
    }

    /** The padded leaf slot of every tree with a table; the others' slots are left as they are. */
    void slots(long met, int[] slots, int depth) {
        for (int i = 0; i < tree.length; i++) {
            int t = tree[i];
            slots[t] = (t << depth) + (table[offset[i] + (int) Long.compress(met, mask[i])] & 0xFF);
        }
    }
}
