package io.protstream.model.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Runs work on a thread of its own with a large stack. When ONNX Runtime starts in a process it
 * reads the process's command line, and the native recursion that follows grows with its length: a
 * JVM started with a 4 KB class path overflowed the 1 MiB stack of its main thread, and with
 * -Xss512k a short one did. A native stack overflow kills the whole process without a trace (no
 * exception, no hs_err file), so loading never runs on the caller's stack, whatever its size.
 */
final class LargeStack {

  /** Far more than the deepest recursion seen (a 5 KB command line); only touched pages cost. */
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
