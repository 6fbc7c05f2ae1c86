package io.protstream.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ingest-service's release jobs over its REST API: submit a file, read a job's progress. */
public final class ReleaseJobs {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");
  private static final Pattern ENTRIES = Pattern.compile("\"entries\"\\s*:\\s*(\\d+)");
  private static final Pattern REJECTS = Pattern.compile("\"rejects\"\\s*:\\s*(\\d+)");
  private static final Pattern RELEASE_IN_NAME = Pattern.compile("(\\d{4}_\\d{2})");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ReleaseJobs() {}

  /** The job id, or the reason the service did not take the file. */
  public record Submission(String jobId, String refusal) {
    public boolean accepted() {
      return jobId != null;
    }
  }

  /**
   * Queues {@code file} as release {@code releaseId}. Not declared complete: absence from the file
   * deletes nothing.
   */
  public static Submission submit(String ingestUrl, Path file, String releaseId, String token) {
    String body =
        "{\"source\":\""
            + json(file.toAbsolutePath().toString())
            + "\",\"releaseId\":\""
            + json(releaseId)
            + "\",\"complete\":false}";
    try {
      HttpResponse<String> created =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(ingestUrl + "/releases"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher id = ID.matcher(created.body());
      if (created.statusCode() != 202 || !id.find()) {
        return new Submission(null, "HTTP " + created.statusCode() + " " + created.body());
      }
      return new Submission(id.group(1), null);
    } catch (IOException e) {
      return new Submission(null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Submission(null, "interrupted");
    }
  }

  /** The job's JSON view, or "" when the service does not answer. */
  public static String job(String ingestUrl, String jobId, String token) {
    return get(ingestUrl + "/releases/" + jobId, token);
  }

  /** The JSON list of the jobs the service keeps, or "" when it does not answer. */
  public static String jobs(String ingestUrl, String token) {
    return get(ingestUrl + "/releases", token);
  }

  private static String get(String url, String token) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(5))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The first job state in {@code json}, or "" when there is none. */
  public static String state(String json) {
    Matcher m = STATE.matcher(json);
    return m.find() ? m.group(1) : "";
  }

  public static boolean finished(String json) {
    String state = state(json);
    return state.equals("SUCCEEDED") || state.equals("FAILED");
  }

  public static long entries(String json) {
    Matcher m = ENTRIES.matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  public static long rejects(String json) {
    Matcher m = REJECTS.matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * The release id a file speaks for: the first {@code YYYY_MM} in its name (as in UniProt's file
   * names), else {@code local_<name>} cut to the id alphabet.
   */
  public static String releaseIdOf(Path file) {
    String name = file.getFileName().toString();
    Matcher m = RELEASE_IN_NAME.matcher(name);
    if (m.find()) {
      return m.group(1);
    }
    String cleaned = ("local_" + name).replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
