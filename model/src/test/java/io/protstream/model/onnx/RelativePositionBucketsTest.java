package io.protstream.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RelativePositionBucketsTest {

  @Test
  void matchesT5BidirectionalBuckets() {
    // exact below 8, log-spaced to 128, the upper half for keys after the query
    assertEquals(0, RelativePositionBuckets.bucket(0, 32, 128));
    assertEquals(7, RelativePositionBuckets.bucket(-7, 32, 128));
    assertEquals(16 + 7, RelativePositionBuckets.bucket(7, 32, 128));
    assertEquals(8, RelativePositionBuckets.bucket(-8, 32, 128));
    assertEquals(10, RelativePositionBuckets.bucket(-16, 32, 128));
    assertEquals(12, RelativePositionBuckets.bucket(-32, 32, 128));
    assertEquals(14, RelativePositionBuckets.bucket(-64, 32, 128));
    assertEquals(15, RelativePositionBuckets.bucket(-127, 32, 128));
    assertEquals(31, RelativePositionBuckets.bucket(5000, 32, 128));
  }

  @Test
  void bucketsNeverDecreaseWithDistance() {
    long[] t = RelativePositionBuckets.distanceTable(32, 128);
    for (int i = 1; i < t.length; i++) {
      assertEquals(true, t[i] >= t[i - 1], "distance " + i);
    }
    assertEquals(15, t[128]);
  }
}
