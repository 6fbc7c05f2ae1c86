package io.protstream.predict;

import io.protstream.testinfra.arch.DomainRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void domainIsFrameworkFree() {
    DomainRules.check("io.protstream.predict");
  }
}
