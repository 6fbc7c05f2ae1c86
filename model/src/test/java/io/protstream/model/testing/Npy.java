package io.protstream.model.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the little-endian float32 / int64 {@code .npy} arrays of the reference fixtures. */
public record Npy(long[] shape, float[] floats, long[] longs) {

  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  public static Npy read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int major = b.get(6);
    int headerLength = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
    int start = major == 1 ? 10 : 12;
    String header = new String(b.array(), start, headerLength, StandardCharsets.US_ASCII);
    Matcher d = DESCR.matcher(header);
    Matcher s = SHAPE.matcher(header);
    boolean fortran = header.contains("'fortran_order': True");
    if (!d.find() || !s.find()) {
      throw new IOException("unsupported npy header " + header);
    }
    String[] parts = s.group(1).split(",");
    long[] shape =
        java.util.Arrays.stream(parts)
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .mapToLong(Long::parseLong)
            .toArray();
    long n = 1;
    for (long x : shape) {
      n *= x;
    }
    b.position(start + headerLength);
    ByteBuffer data = b.slice().order(ByteOrder.LITTLE_ENDIAN);
    switch (d.group(1)) {
      case "<f4" -> {
        float[] f = new float[(int) n];
        data.asFloatBuffer().get(f);
        return new Npy(shape, fortran ? rowMajor(f, shape) : f, null);
      }
      case "<i8" -> {
        if (fortran) {
          throw new IOException("fortran-ordered int64 arrays are not used by the fixtures");
        }
        long[] l = new long[(int) n];
        data.asLongBuffer().get(l);
        return new Npy(shape, null, l);
      }
      default -> throw new IOException("unsupported dtype " + d.group(1));
    }
  }

  /** Reorders column-major (Fortran) data into row-major. */
  private static float[] rowMajor(float[] columnMajor, long[] shape) {
    float[] out = new float[columnMajor.length];
    int[] index = new int[shape.length];
    for (int i = 0; i < out.length; i++) {
      // i walks row-major order; find the same element's column-major offset
      int offset = 0;
      int stride = 1;
      for (int k = 0; k < shape.length; k++) {
        offset += index[k] * stride;
        stride *= (int) shape[k];
      }
      out[i] = columnMajor[offset];
      for (int k = shape.length - 1; k >= 0; k--) {
        if (++index[k] < shape[k]) {
          break;
        }
        index[k] = 0;
      }
    }
    return out;
  }
}
