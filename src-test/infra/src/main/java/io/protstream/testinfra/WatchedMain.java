package io.protstream.testinfra;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every server JVM the launchers start: runs the server's real main class and stops
 * the server when the JVM that launched it is gone, so a build killed with {@code kill -9} leaves
 * no broker or database behind.
 *
 * <p>Usage: {@code WatchedMain <parent-pid|0> <main-class> [args...]}; {@code 0} means "outlive the
 * launcher" (the local run, which stops servers through their pid files).
 */
public final class WatchedMain {

  private static final long POLL_MILLIS = 500;
  private static final long GRACE_MILLIS = 15_000;

  private WatchedMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: WatchedMain <parent-pid|0> <main-class> [args...]");
    }
    long parentPid = Long.parseLong(args[0]);
    if (parentPid > 0) {
      watch(parentPid);
    }
    Method main = Class.forName(args[1]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
  }

  private static void watch(long parentPid) {
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    Thread watchdog =
        new Thread(
            () -> {
              while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                sleep(POLL_MILLIS);
              }
              // a clean shutdown first (flushes logs, releases ports); halt if the server hangs in
              // it
              Thread halter =
                  new Thread(
                      () -> {
                        sleep(GRACE_MILLIS);
                        Runtime.getRuntime().halt(3);
                      });
              halter.setDaemon(true);
              halter.start();
              System.exit(3);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
