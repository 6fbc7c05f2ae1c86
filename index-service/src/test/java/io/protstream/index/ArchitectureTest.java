package io.protstream.index;

import io.protstream.testinfra.arch.DomainRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void domainIsFrameworkFree() {
    DomainRules.check("io.protstream.index");
  }
}
