package io.protstream.model.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Runs work on a thread of its own with a large stack. ONNX Runtime optimises a graph at session
 * creation by walking it recursively, node after node, in native frames: on the 1 MiB (or less) a
 * Java thread has by default the encoder's graph overflows the stack, and a native stack overflow
 * kills the whole process without a trace. Its width does not depend on the caller's thread.
 */
final class LargeStack {

  /** Room for graphs many times the XL encoder's depth; only reserved, touched pages cost. */
  static final long STACK_BYTES = 256L << 20;

  private LargeStack() {}

  /** {@code work}'s result, computed on a new thread with {@link #STACK_BYTES} of stack. */
  static <T> T call(String name, Supplier<T> work) {
    FutureTask<T> task = new FutureTask<>(work::get);
    Thread thread = new Thread(null, task, name, STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          // native work cannot be abandoned half-way: wait for it, keep the interrupt for later
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
