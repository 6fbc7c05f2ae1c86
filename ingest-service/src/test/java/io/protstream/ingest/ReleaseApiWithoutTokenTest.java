package io.protstream.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a configured token the release API is closed: 403 whatever the caller sends. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
@TestProfile(ReleaseApiWithoutTokenTest.NoToken.class)
class ReleaseApiWithoutTokenTest {

  /** The service as deployed without {@code protstream.ingest.api-token}. */
  public static final class NoToken implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("protstream.ingest.api-token", "");
    }
  }

  @Test
  void everyEndpointAnswers403() {
    for (String auth : new String[] {"Bearer test-token", "Bearer ", ""}) {
      given()
          .header("Authorization", auth)
          .contentType(ContentType.JSON)
          .body(Map.of("source", "/tmp/x.dat", "releaseId", "2011_01"))
          .post("/releases")
          .then()
          .statusCode(403);
      given().header("Authorization", auth).get("/releases").then().statusCode(403);
      given()
          .header("Authorization", auth)
          .get("/releases/any")
          .then()
          .statusCode(403)
          .body(containsString("api-token"));
    }
  }
}
