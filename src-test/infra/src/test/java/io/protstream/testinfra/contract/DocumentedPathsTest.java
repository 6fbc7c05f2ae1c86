package io.protstream.testinfra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract test reads the paths of an OpenAPI document, so it can compare them both ways. */
class DocumentedPathsTest {

  @Test
  void readsThePathKeysOnly() {
    String yaml =
        """
        openapi: 3.0.3
        info:
          title: x
        paths:
          /releases:
            post:
              summary: start
          /releases/{job}:
            get:
              summary: one
        components:
          schemas:
            Job:
              type: object
        """;
    assertEquals(
        Set.of("/releases", "/releases/{job}"), ServiceSurfaceContract.documentedPaths(yaml));
  }

  @Test
  void anEmptyPathsMapDocumentsNothing() {
    assertEquals(Set.of(), ServiceSurfaceContract.documentedPaths("openapi: 3.0.3\npaths: {}\n"));
  }

  @Test
  void refusesAFlowStylePathsMapItCannotRead() {
    assertThrows(
        AssertionError.class,
        () -> ServiceSurfaceContract.documentedPaths("openapi: 3.0.3\npaths: {/x: {}}\n"));
  }
}
