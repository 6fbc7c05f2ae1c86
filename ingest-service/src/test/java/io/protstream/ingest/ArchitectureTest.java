package io.protstream.ingest;

import io.protstream.testinfra.arch.DomainRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void domainIsFrameworkFree() {
    DomainRules.check("io.protstream.ingest");
  }
}
