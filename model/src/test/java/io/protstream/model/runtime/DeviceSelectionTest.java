package io.protstream.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtProvider;
import io.protstream.model.testing.Fixtures;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The build on the classpath is ONNX Runtime's CPU build, so GPU devices must fail clearly. */
class DeviceSelectionTest {

  @Test
  void cudaAndTensorRtExplainWhatIsMissing() {
    for (ExecutionDevice device :
        new ExecutionDevice[] {ExecutionDevice.CUDA, ExecutionDevice.TENSORRT}) {
      DeviceUnavailableException e =
          assertThrows(
              DeviceUnavailableException.class,
              () ->
                  OnnxSession.load(
                      Fixtures.encoder().resolve("model.onnx"), RuntimeOptions.of(device), null));
      assertTrue(e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
      assertTrue(e.getMessage().contains("cpu"), e.getMessage());
    }
  }

  @Test
  void tensorRtNeedsItsOwnProviderEvenWhenCudaIsPresent() {
    SessionOptionsFactory factory =
        new SessionOptionsFactory(EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA));
    factory.checkAvailable(ExecutionDevice.CUDA);
    DeviceUnavailableException e =
        assertThrows(
            DeviceUnavailableException.class,
            () -> factory.checkAvailable(ExecutionDevice.TENSORRT));
    assertTrue(e.getMessage().contains("TensorRT"), e.getMessage());
  }

  @Test
  void parsesDeviceNames() {
    assertEquals(ExecutionDevice.TENSORRT, ExecutionDevice.parse("TensorRT"));
    assertThrows(IllegalArgumentException.class, () -> ExecutionDevice.parse("tpu"));
  }

  @Test
  void formatsTensorRtProfiles() {
    ShapeProfile p = ShapeProfile.encoder(8, 256, 1024);
    assertEquals("input_ids:8x1024,attention_mask:8x1024", ShapeProfile.format(p.max()));
  }
}
