package io.protstream.index.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Runs many single-partition reads concurrently, in waves small enough for the driver's in-flight
 * limit per connection, and hands every row of every result to a consumer on the calling thread.
 */
final class ParallelReads {

  private static final int WAVE = 256;

  private ParallelReads() {}

  static void run(CqlSession session, List<BoundStatement> statements, Consumer<Row> rows) {
    for (int from = 0; from < statements.size(); from += WAVE) {
      List<CompletableFuture<List<Row>>> wave = new ArrayList<>();
      for (BoundStatement statement :
          statements.subList(from, Math.min(statements.size(), from + WAVE))) {
        wave.add(firstPage(session.executeAsync(statement)).toCompletableFuture());
      }
      for (CompletableFuture<List<Row>> result : wave) {
        result.join().forEach(rows);
      }
    }
  }

  /** Every row of the result; bucket partitions may span pages. */
  private static CompletionStage<List<Row>> firstPage(CompletionStage<AsyncResultSet> stage) {
    return stage.thenCompose(rs -> collect(rs, new ArrayList<>()));
  }

  private static CompletionStage<List<Row>> collect(AsyncResultSet rs, List<Row> into) {
    rs.currentPage().forEach(into::add);
    if (rs.hasMorePages()) {
      return rs.fetchNextPage().thenCompose(next -> collect(next, into));
    }
    return CompletableFuture.completedFuture(into);
  }
}
