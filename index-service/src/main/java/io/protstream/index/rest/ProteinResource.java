package io.protstream.index.rest;

import io.protstream.index.domain.ProteinSearch;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/proteins/{accession}}: one entry with its predicted and curated annotations. */
@Path("/api/proteins/{accession}")
public class ProteinResource {

  static final String PATH_PREFIX = "/api/proteins/";

  private final ProteinSearch search;

  ProteinResource(ProteinSearch search) {
    this.search = search;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> protein(@PathParam("accession") String accession) {
    return ProteinJson.card(search.protein(accession));
  }
}
