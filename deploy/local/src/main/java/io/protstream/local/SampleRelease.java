package io.protstream.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends a release file to an ingest-service and waits for its job to end. */
public final class SampleRelease {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");

  private SampleRelease() {}

  /** Returns a one-line report: the job's final JSON, or why it did not run. */
  public static String ingest(String ingestUrl, Path file, String release, String token) {
    HttpClient http = HttpClient.newHttpClient();
    try {
      // complete=false: the sample is a slice of a release, so absence from it proves no deletion
      String body =
          "{\"source\":\""
              + file.toAbsolutePath()
              + "\",\"releaseId\":\""
              + release
              + "\",\"complete\":false}";
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(ingestUrl + "/releases"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher id = ID.matcher(created.body());
      if (created.statusCode() != 202 || !id.find()) {
        return "sample release not ingested: HTTP " + created.statusCode() + " " + created.body();
      }
      URI job = URI.create(ingestUrl + "/releases/" + id.group(1));
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      String last = "";
      while (Instant.now().isBefore(deadline)) {
        last =
            http.send(
                    HttpRequest.newBuilder(job).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher state = STATE.matcher(last);
        if (state.find()
            && (state.group(1).equals("SUCCEEDED") || state.group(1).equals("FAILED"))) {
          return "sample release " + release + ": " + last;
        }
        Thread.sleep(250);
      }
      return "sample release still running: " + last;
    } catch (IOException e) {
      return "sample release not ingested: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
