package io.protstream.index.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LshParametersTest {

  @TempDir Path dir;

  private Path file(String name, float... values) throws Exception {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bytes.putFloat(v);
    }
    return Files.write(dir.resolve(name), bytes.array());
  }

  private static final Optional<float[]> WIDTH_3 = Optional.of(new float[] {0, 0, 0});

  @Test
  void orthonormalRowsOfTheCentersWidthAreTheAxes() throws Exception {
    // (0.6, 0.8, 0) and (0, 0, 1): unit length, dot product 0
    float[][] axes = LshParameters.readAxes(file("a", 0.6f, 0.8f, 0, 0, 0, 1), WIDTH_3);
    assertArrayEquals(new float[] {0.6f, 0.8f, 0}, axes[0]);
    assertArrayEquals(new float[] {0, 0, 1}, axes[1]);
  }

  /** The message with which axes of these values (width 3) are refused. */
  private String refusal(float... values) throws Exception {
    Path axes = file("a", values);
    return assertThrows(IllegalArgumentException.class, () -> LshParameters.readAxes(axes, WIDTH_3))
        .getMessage();
  }

  @Test
  void rowsNotAtRightAnglesAreRefused() throws Exception {
    // (1, 0, 0) . (0.6, 0.8, 0) = 0.6
    String message = refusal(1, 0, 0, 0.6f, 0.8f, 0);
    assertTrue(message.contains("orthonormal"), message);
  }

  @Test
  void rowsNotOfUnitLengthAreRefused() throws Exception {
    String message = refusal(2, 0, 0);
    assertTrue(message.contains("orthonormal"), message);
  }

  @Test
  void valuesThatAreNotWholeRowsAreRefused() throws Exception {
    String message = refusal(1, 0, 0, 0);
    assertTrue(message.contains("not rows of 3"), message);
  }

  @Test
  void axesWithoutACenterAreRefused() throws Exception {
    Path axes = file("a", 1, 0, 0);
    assertThrows(
        IllegalArgumentException.class, () -> LshParameters.readAxes(axes, Optional.empty()));
  }

  @Test
  void aCenterWithANonFiniteValueOrAPartialFloatIsRefused() throws Exception {
    Path nan = file("c", 1, Float.NaN);
    assertThrows(IllegalArgumentException.class, () -> LshParameters.readCenter(nan));
    Path partial = Files.write(dir.resolve("p"), new byte[] {1, 2, 3, 4, 5});
    assertThrows(IllegalArgumentException.class, () -> LshParameters.readCenter(partial));
  }
}
