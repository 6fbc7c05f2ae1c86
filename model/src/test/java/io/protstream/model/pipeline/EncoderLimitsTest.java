package io.protstream.model.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.runtime.ExecutionDevice;
import org.junit.jupiter.api.Test;

class EncoderLimitsTest {

  private static final BatchLimits CONFIGURED = new BatchLimits(32, 8192, 4000, 256);

  @Test
  void onCpuTheEncoderRunsOneSequenceAtATimeUnderTheOtherLimits() {
    assertEquals(
        new BatchLimits(1, 8192, 4000, 256),
        ProtT5Model.encoderLimits(CONFIGURED, ExecutionDevice.CPU));
  }

  @Test
  void onGpusTheConfiguredBatchesStay() {
    assertEquals(CONFIGURED, ProtT5Model.encoderLimits(CONFIGURED, ExecutionDevice.CUDA));
    assertEquals(CONFIGURED, ProtT5Model.encoderLimits(CONFIGURED, ExecutionDevice.TENSORRT));
  }
}
