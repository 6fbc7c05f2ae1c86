package io.protstream.testinfra;

import java.net.InetSocketAddress;

/**
 * Where a running Cassandra node listens, and its datacenter (the driver needs it for load
 * balancing).
 */
public record CassandraEndpoint(String contactPoint, String datacenter) {

  public InetSocketAddress address() {
    int colon = contactPoint.lastIndexOf(':');
    return new InetSocketAddress(
        contactPoint.substring(0, colon), Integer.parseInt(contactPoint.substring(colon + 1)));
  }
}
