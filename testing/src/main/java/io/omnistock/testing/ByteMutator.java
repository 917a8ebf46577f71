package io.omnistock.testing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic mutations of Avro payloads for fuzzing: each takes the bytes and a seeded random
 * and returns new bytes (the input is never changed). Aimed at the binary encoding: length prefixes
 * are zig-zag varints, so the "huge length" mutations write the varints that make a decoder
 * allocate, read a negative length or never end a varint.
 */
public final class ByteMutator {
    /** What one mutation does; its name goes into a failure's reproduction line. */
    public enum Op {
        BIT_FLIPS,
        INSERT_BYTES,
        DELETE_BYTES,
        TRUNCATE,
        HUGE_LENGTH_PREFIX,
        LONG_STRING,
        OVERSIZED,
        APPEND_OTHER_RECORD,
        RANDOM_BYTES,
        EMPTY
    }

    /**
     * Ops by weight: mostly the edits that reach deep into a decoder; the ones rejected at the door
     * (oversized, empty) less often.
     */
    private static final Op[] OPS =
            weighted(
                    Op.BIT_FLIPS, 6,
                    Op.INSERT_BYTES, 3,
                    Op.DELETE_BYTES, 3,
                    Op.TRUNCATE, 3,
                    Op.HUGE_LENGTH_PREFIX, 3,
                    Op.LONG_STRING, 1,
                    Op.OVERSIZED, 1,
                    Op.APPEND_OTHER_RECORD, 2,
                    Op.RANDOM_BYTES, 1,
                    Op.EMPTY, 1);

    /** Varints a decoder must not trust: 2^31-1, -1, -2^31, 2^20, 65,537 and an 11-byte varint. */
    private static final List<byte[]> HOSTILE_VARINTS =
            List.of(
                    zigZagVarint(Integer.MAX_VALUE),
                    zigZagVarint(-1),
                    zigZagVarint(Integer.MIN_VALUE),
                    zigZagVarint(Long.MAX_VALUE),
                    zigZagVarint(1 << 20),
                    zigZagVarint(65_537),
                    new byte[] {
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff
                    });

    private final int maxRecordBytes;

    public ByteMutator(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public static Op pick(SplittableRandom random) {
        return OPS[random.nextInt(OPS.length)];
    }

    /** {@code other}: another valid payload, for splices. */
    public byte[] apply(Op op, byte[] in, byte[] other, SplittableRandom random) {
        return switch (op) {
            case BIT_FLIPS -> flip(in, random);
            case INSERT_BYTES ->
                    insert(
                            in,
                            random.nextInt(in.length + 1),
                            randomBytes(random, 1 + random.nextInt(16)));
            case DELETE_BYTES -> delete(in, random);
            case TRUNCATE -> Arrays.copyOf(in, truncatedLength(in.length, random));
            case HUGE_LENGTH_PREFIX ->
                    insert(
                            in,
                            random.nextBoolean() ? 0 : random.nextInt(in.length + 1),
                            HOSTILE_VARINTS.get(random.nextInt(HOSTILE_VARINTS.size())));
            case LONG_STRING -> insert(in, random.nextInt(in.length + 1), longString(random));
            case OVERSIZED -> oversized(in, random);
            case APPEND_OTHER_RECORD -> concat(in, other);
            case RANDOM_BYTES -> randomBytes(random, random.nextInt(256));
            case EMPTY -> new byte[0];
        };
    }

    private static byte[] flip(byte[] in, SplittableRandom random) {
        byte[] out = in.clone();
        if (out.length == 0) {
            return out;
        }
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(out.length);
            out[at] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private static byte[] delete(byte[] in, SplittableRandom random) {
        if (in.length == 0) {
            return in.clone();
        }
        int from = random.nextInt(in.length);
        int count = 1 + random.nextInt(Math.min(16, in.length - from));
        byte[] out = new byte[in.length - count];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, from + count, out, from, in.length - from - count);
        return out;
    }

    /** Every length class: nothing, one byte, a few, half, all but one, anywhere. */
    private static int truncatedLength(int length, SplittableRandom random) {
        if (length == 0) {
            return 0;
        }
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Math.min(1, length - 1);
            case 2 -> Math.min(2 + random.nextInt(7), length - 1);
            case 3 -> length / 2;
            case 4 -> length - 1;
            default -> random.nextInt(length);
        };
    }

    /** A length prefix and that many printable bytes: a string field of up to 80 KB. */
    private static byte[] longString(SplittableRandom random) {
        int length = 1_000 + random.nextInt(80_000);
        byte[] prefix = zigZagVarint(length);
        byte[] out = Arrays.copyOf(prefix, prefix.length + length);
        Arrays.fill(out, prefix.length, out.length, (byte) ('a' + random.nextInt(26)));
        return out;
    }

    private byte[] oversized(byte[] in, SplittableRandom random) {
        byte[] out = Arrays.copyOf(in, maxRecordBytes + 1 + random.nextInt(2 * maxRecordBytes));
        for (int i = in.length; i < out.length; i += 97) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    public static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] insert(byte[] in, int at, byte[] bytes) {
        byte[] out = new byte[in.length + bytes.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(in, at, out, at + bytes.length, in.length - at);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Op[] weighted(Object... opsAndWeights) {
        List<Op> ops = new java.util.ArrayList<>();
        for (int i = 0; i < opsAndWeights.length; i += 2) {
            for (int w = 0; w < (Integer) opsAndWeights[i + 1]; w++) {
                ops.add((Op) opsAndWeights[i]);
            }
        }
        return ops.toArray(new Op[0]);
    }

    public static byte[] zigZagVarint(long value) {
        long n = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }
}
