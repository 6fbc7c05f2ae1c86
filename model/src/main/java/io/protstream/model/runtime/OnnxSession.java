package io.protstream.model.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ONNX model loaded through DJL's ONNX Runtime engine, run by any number of worker threads.
 *
 * <p>DJL predictors are not meant to be shared between threads, so each calling thread gets its own
 * predictor on first use; they all share the single ONNX Runtime session (whose {@code Run} is
 * thread-safe) and hence its weights and thread pool. Workers should be long-lived threads, or call
 * {@link #releaseThread()} when done.
 */
public final class OnnxSession implements AutoCloseable {

  private final Model model;
  private final SessionOptions sessionOptions;
  private final Map<Thread, Predictor<Map<String, HostTensor>, Map<String, HostTensor>>>
      predictors = new ConcurrentHashMap<>();

  private OnnxSession(Model model, SessionOptions sessionOptions) {
    this.model = model;
    this.sessionOptions = sessionOptions;
  }

  /** Loads an {@code .onnx} file (with its external data beside it, if any). */
  public static OnnxSession load(Path onnxFile, RuntimeOptions options, ShapeProfile profile) {
    if (!Files.isRegularFile(onnxFile)) {
      throw new UncheckedIOException(new IOException("no ONNX model at " + onnxFile));
    }
    SessionOptions so = new SessionOptionsFactory().create(options, profile);
    String fileName = onnxFile.getFileName().toString();
    String stem =
        fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
    // inputs stay on the host; the execution provider moves them to the GPU itself
    Model model = Model.newInstance(stem, Device.cpu(), "OnnxRuntime");
    try {
      model.load(onnxFile.toAbsolutePath().getParent(), stem, Map.of("sessionOptions", so));
      return new OnnxSession(model, so);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      so.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot load " + onnxFile, io);
      }
      throw new IllegalStateException("cannot load " + onnxFile + ": " + e.getMessage(), e);
    }
  }

  /** Runs the model on named inputs from the calling thread's predictor. */
  public Map<String, HostTensor> run(Map<String, HostTensor> inputs) {
    Predictor<Map<String, HostTensor>, Map<String, HostTensor>> predictor =
        predictors.computeIfAbsent(
            Thread.currentThread(), t -> model.newPredictor(new HostTensorTranslator()));
    try {
      return predictor.predict(inputs);
    } catch (TranslateException e) {
      throw new IllegalStateException("inference failed: " + e.getMessage(), e);
    }
  }

  /** Names of the graph's inputs, as ONNX Runtime sees them. */
  public java.util.List<String> inputNames() {
    return model.describeInput().keys();
  }

  /** Closes the calling thread's predictor. */
  public void releaseThread() {
    Predictor<?, ?> p = predictors.remove(Thread.currentThread());
    if (p != null) {
      p.close();
    }
  }

  @Override
  public void close() {
    predictors.values().forEach(Predictor::close);
    predictors.clear();
    model.close();
    sessionOptions.close();
  }
}
