package io.protstream.schemas;

import io.protstream.events.ResidueEmbeddingEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Splits a per-residue matrix into {@code ResidueEmbeddingEvent} parts that fit one Kafka record,
 * and puts the parts back together. A part holds whole rows; parts cover rows 0 .. L-1 in order.
 * The writer sends all parts of a matrix in one transaction under one key (so to one partition, in
 * order); a reader collects them with an {@link Assembler}. A reader must not commit an offset past
 * the first part of a matrix that is still incomplete: after a restart it would never see that part
 * again.
 */
public final class ResidueParts {

  /**
   * Largest {@code residues} payload of one part: 4 MiB, 2,048 rows at d = 1024. Half of the
   * topic's {@code max.message.bytes}, which leaves room for the other fields and the batch
   * overhead.
   */
  public static final int MAX_PART_BYTES = 4 * 1024 * 1024;

  private ResidueParts() {}

  /**
   * Splits a whole matrix (an event with part 0 of 1 and all L rows) into parts of at most {@code
   * maxPartBytes} payload bytes each, at least one row per part. Every other field is copied.
   */
  public static List<ResidueEmbeddingEvent> split(ResidueEmbeddingEvent whole, int maxPartBytes) {
    int length = whole.getLength();
    int dimension = whole.getDimension();
    ByteBuffer residues = whole.getResidues().duplicate();
    long rowBytes = 2L * dimension;
    if (length < 1 || dimension < 1 || residues.remaining() != rowBytes * length) {
      throw new IllegalArgumentException(
          "not a whole "
              + length
              + " x "
              + dimension
              + " fp16 matrix: "
              + residues.remaining()
              + " bytes");
    }
    if (whole.getPart() != 0 || whole.getPartCount() != 1 || whole.getFirstRow() != 0) {
      throw new IllegalArgumentException("already a part: " + describe(whole));
    }
    int rowsPerPart = (int) Math.max(1, Math.min(length, maxPartBytes / rowBytes));
    int parts = (length + rowsPerPart - 1) / rowsPerPart;
    List<ResidueEmbeddingEvent> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int first = p * rowsPerPart;
      int rows = Math.min(rowsPerPart, length - first);
      ByteBuffer slice = residues.duplicate();
      slice.position(residues.position() + (int) (first * rowBytes));
      slice.limit(slice.position() + (int) (rows * rowBytes));
      out.add(
          ResidueEmbeddingEvent.newBuilder(whole)
              .setResidues(slice.slice())
              .setPart(p)
              .setPartCount(parts)
              .setFirstRow(first)
              .build());
    }
    return out;
  }

  /** Why parts could not be put together; the reader dead-letters them with this reason. */
  public static final class InvalidPartException extends IllegalArgumentException {
    public InvalidPartException(String message) {
      super(message);
    }
  }

  /**
   * Collects the parts of each matrix of one partition, in the order they were read. Parts of one
   * matrix are told apart from a second copy of the same digest (another writer's transaction) by
   * their creation time. Not thread-safe: one per consumer thread.
   */
  public static final class Assembler {

    private record MatrixId(String digest, Instant createdAt) {}

    private static final class Pending {
      final ResidueEmbeddingEvent first;
      final ByteBuffer rows;
      int nextPart = 1;
      int nextRow;

      Pending(ResidueEmbeddingEvent first, ByteBuffer rows, int nextRow) {
        this.first = first;
        this.rows = rows;
        this.nextRow = nextRow;
      }
    }

    private final long maxHeldBytes;
    private final Map<MatrixId, Pending> pending = new HashMap<>();
    private long heldBytes;

    /**
     * @param maxHeldBytes bound on the bytes of incomplete matrices held at once; a part that would
     *     exceed it is refused
     */
    public Assembler(long maxHeldBytes) {
      this.maxHeldBytes = maxHeldBytes;
    }

    /**
     * Adds one part.
     *
     * @return the whole matrix (part 0 of 1) when this part completes it, else null
     * @throws InvalidPartException when the part does not fit its matrix: out of order, missing
     *     earlier parts, rows that do not line up, shape or metadata that differ between parts, or
     *     a matrix too large to hold; the incomplete matrix is dropped
     */
    public ResidueEmbeddingEvent add(ResidueEmbeddingEvent part) {
      int length = part.getLength();
      int dimension = part.getDimension();
      int count = part.getPartCount();
      int index = part.getPart();
      ByteBuffer payload = part.getResidues().duplicate();
      long rowBytes = 2L * dimension;
      if (length < 1 || dimension < 1 || count < 1 || index < 0 || index >= count) {
        throw new InvalidPartException("bad part header: " + describe(part));
      }
      if (payload.remaining() == 0 || payload.remaining() % rowBytes != 0) {
        throw new InvalidPartException(
            payload.remaining() + " payload bytes are not whole rows of " + describe(part));
      }
      long rows = payload.remaining() / rowBytes;
      if (part.getFirstRow() < 0 || part.getFirstRow() + rows > length) {
        throw new InvalidPartException(
            "rows " + part.getFirstRow() + "+" + rows + " outside the matrix: " + describe(part));
      }
      MatrixId id = new MatrixId(part.getSequenceDigest(), part.getCreatedAt());
      if (count == 1) {
        if (rows != length) {
          throw new InvalidPartException("single part without all rows: " + describe(part));
        }
        return part;
      }
      if (index == 0) {
        if (part.getFirstRow() != 0) {
          throw new InvalidPartException("part 0 does not start at row 0: " + describe(part));
        }
        long total = rowBytes * length;
        if (total > Integer.MAX_VALUE - 8 || heldBytes + total > maxHeldBytes) {
          throw new InvalidPartException(
              "matrix of " + total + " bytes exceeds what may be held: " + describe(part));
        }
        drop(id);
        ByteBuffer rowsBuffer = ByteBuffer.allocate((int) total);
        rowsBuffer.put(payload);
        heldBytes += total;
        pending.put(id, new Pending(part, rowsBuffer, (int) rows));
        return null;
      }
      Pending p = pending.get(id);
      if (p == null) {
        throw new InvalidPartException("part without its earlier parts: " + describe(part));
      }
      ResidueEmbeddingEvent first = p.first;
      if (index != p.nextPart
          || part.getFirstRow() != p.nextRow
          || count != first.getPartCount()
          || length != first.getLength()
          || dimension != first.getDimension()
          || !Objects.equals(part.getModelId(), first.getModelId())) {
        drop(id);
        throw new InvalidPartException(
            "part does not continue "
                + describe(first)
                + " (expected part "
                + p.nextPart
                + " from row "
                + p.nextRow
                + "): "
                + describe(part));
      }
      p.rows.put(payload);
      p.nextPart++;
      p.nextRow += (int) rows;
      if (p.nextPart < count) {
        return null;
      }
      drop(id);
      if (p.nextRow != length) {
        throw new InvalidPartException(
            "parts cover " + p.nextRow + " of " + length + " rows: " + describe(part));
      }
      return ResidueEmbeddingEvent.newBuilder(first)
          .setResidues(p.rows.flip())
          .setPart(0)
          .setPartCount(1)
          .setFirstRow(0)
          .build();
    }

    /** Matrices begun and not yet complete. */
    public int incomplete() {
      return pending.size();
    }

    /** Forgets every incomplete matrix, e.g. when its partition is revoked or re-read. */
    public void clear() {
      pending.clear();
      heldBytes = 0;
    }

    private void drop(MatrixId id) {
      Pending p = pending.remove(id);
      if (p != null) {
        heldBytes -= p.rows.capacity();
      }
    }
  }

  private static String describe(ResidueEmbeddingEvent e) {
    return e.getSequenceDigest()
        + " part "
        + e.getPart()
        + "/"
        + e.getPartCount()
        + " from row "
        + e.getFirstRow()
        + " of "
        + e.getLength()
        + " x "
        + e.getDimension();
  }
}
