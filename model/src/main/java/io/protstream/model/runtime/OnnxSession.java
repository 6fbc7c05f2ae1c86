package io.protstream.model.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
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

  private static final System.Logger LOG = System.getLogger(OnnxSession.class.getName());

  private final Model model;
  private final SessionOptions sessionOptions;
  private final Path loadedFrom;
  private final Map<Thread, Predictor<Map<String, HostTensor>, Map<String, HostTensor>>>
      predictors = new ConcurrentHashMap<>();

  private OnnxSession(Model model, SessionOptions sessionOptions, Path loadedFrom) {
    this.model = model;
    this.sessionOptions = sessionOptions;
    this.loadedFrom = loadedFrom;
  }

  /** The file ONNX Runtime loaded: the graph itself or its optimised copy. */
  public Path loadedFrom() {
    return loadedFrom;
  }

  /** Loads an {@code .onnx} file (with its external data beside it, if any). */
  public static OnnxSession load(Path onnxFile, RuntimeOptions options, ShapeProfile profile) {
    return load(onnxFile, options, profile, null);
  }

  /**
   * Loads an {@code .onnx} file, through ONNX Runtime's optimised copy of it in {@code cache} when
   * there is one for these options, else optimising it and keeping the result there.
   *
   * @param cache null to optimise on every load
   */
  public static OnnxSession load(
      Path onnxFile, RuntimeOptions options, ShapeProfile profile, OptimizedGraphCache cache) {
    return LargeStack.call(
        "onnx-load-" + onnxFile.getFileName(), () -> loadHere(onnxFile, options, profile, cache));
  }

  private static OnnxSession loadHere(
      Path onnxFile, RuntimeOptions options, ShapeProfile profile, OptimizedGraphCache cache) {
    if (!Files.isRegularFile(onnxFile)) {
      throw new UncheckedIOException(new IOException("no ONNX model at " + onnxFile));
    }
    String fileName = onnxFile.getFileName().toString();
    String stem =
        fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
    Path entry = cache == null ? null : cache.entry(stem, options);
    if (entry == null) {
      return open(onnxFile, stem, options, profile, so -> {});
    }
    if (OptimizedGraphCache.isComplete(entry)) {
      try {
        // already optimised for this graph, runtime version and device
        return open(
            entry.resolve(fileName),
            stem,
            options,
            profile,
            so -> so.setOptimizationLevel(SessionOptions.OptLevel.NO_OPT));
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "optimised copy " + entry + " does not load, optimising again: " + e.getMessage());
        OptimizedGraphCache.deleteTree(entry);
      }
    }
    Path staging;
    try {
      staging = cache.newStaging(stem);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot cache optimised graphs next to " + onnxFile + ": " + e);
      return open(onnxFile, stem, options, profile, so -> {});
    }
    OnnxSession session;
    try {
      session =
          open(
              onnxFile,
              stem,
              options,
              profile,
              so -> {
                so.setOptimizedModelFilePath(staging.resolve(fileName).toString());
                if (OptimizedGraphCache.needsExternalData(onnxFile)) {
                  so.addConfigEntry(
                      "session.optimized_model_external_initializers_file_name",
                      fileName + ".data");
                  so.addConfigEntry(
                      "session.optimized_model_external_initializers_min_size_in_bytes", "1024");
                }
              });
    } catch (RuntimeException e) {
      OptimizedGraphCache.deleteTree(staging);
      throw e;
    }
    if (Files.isRegularFile(staging.resolve(fileName))) {
      cache.publish(staging, entry, stem, options);
    } else {
      OptimizedGraphCache.deleteTree(staging);
    }
    return session;
  }

  /** Session options beyond those the runtime options imply. */
  private interface Tuning {
    void apply(SessionOptions so) throws OrtException;
  }

  private static OnnxSession open(
      Path onnxFile, String stem, RuntimeOptions options, ShapeProfile profile, Tuning tuning) {
    SessionOptions so = new SessionOptionsFactory().create(options, profile);
    try {
      tuning.apply(so);
    } catch (OrtException e) {
      so.close();
      throw new IllegalStateException("cannot configure ONNX Runtime: " + e.getMessage(), e);
    }
    // inputs stay on the host; the execution provider moves them to the GPU itself
    Model model = Model.newInstance(stem, Device.cpu(), "OnnxRuntime");
    try {
      model.load(onnxFile.toAbsolutePath().getParent(), stem, Map.of("sessionOptions", so));
      return new OnnxSession(model, so, onnxFile);
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

  /**
   * The version of the ONNX Runtime native library that runs the sessions. DJL's engine reports the
   * version it was built against, which the build may have replaced with a newer one.
   */
  public static String runtimeVersion() {
    // may be the process's first use of ONNX Runtime, whose start needs a large stack (LargeStack)
    return LargeStack.call(
        "onnx-runtime-version",
        () -> {
          // DJL creates the ONNX Runtime environment with its own settings; it must come first
          Engine.getEngine("OnnxRuntime");
          return OrtEnvironment.getEnvironment().getVersion();
        });
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
