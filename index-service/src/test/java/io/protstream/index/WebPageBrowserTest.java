package io.protstream.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.events.ProteinEmbeddingEvent;
import io.protstream.testinfra.quarkus.CassandraTestResource;
import io.protstream.testinfra.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page at / in a real headless Chromium: searching an accession renders the protein card (the
 * per-residue track, the localization bars, membrane), the neighbours with links and the
 * transferred annotations, says that the model is the demo model, and a bad query shows its error.
 * Debian's chromium and chromium-driver are installed when missing (the build runs as root);
 * without them and without root the test fails, it never skips.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CassandraTestResource.class)
class WebPageBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String SEQUENCE = "MWEBPAGETRACKACDEFGHIKLMNPQ";
  private static final String DEMO_MODEL = "demo-0123456789ab";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @TestHTTPResource("/")
  URL page;

  @Test
  void searchRendersCardTrackBarsNeighboursTransferAndErrors() throws Exception {
    IndexEvents events = new IndexEvents(bootstrapServers);
    Instant t = IndexEvents.T0;
    String neighbour = "MWEBPAGENEIGHBOUR";
    events.send(IndexEvents.entry("Q1W001", SEQUENCE, t).setReviewed(false).build());
    events.send(
        IndexEvents.entry("Q1W002", neighbour, t)
            .setCurated(
                IndexEvents.curated(
                    List.of(IndexEvents.go("GO:0005737", "C")),
                    List.of(),
                    List.of("Cytoplasm"),
                    List.of()))
            .build());
    events.send(IndexEvents.annotation(SEQUENCE, t));
    events.send(demo(IndexEvents.embedding(neighbour, IndexEvents.vector(300f, 0.5f), t)));
    events.send(demo(IndexEvents.embedding(SEQUENCE, IndexEvents.vector(300f), t)));
    IndexEvents.await(
        "both searchable",
        () ->
            ConvergenceTest.nearest(IndexEvents.vector(300f), "exact")
                .containsAll(
                    List.of(IndexEvents.digestOf(SEQUENCE), IndexEvents.digestOf(neighbour))));
    IndexEvents.await(
        "annotations stored",
        () ->
            io.restassured.RestAssured.given()
                    .get("/api/proteins/Q1W001")
                    .then()
                    .extract()
                    .path("predicted")
                != null);

    ensureBrowserInstalled();
    WebDriver driver = startBrowser();
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      driver.get(page.toString());
      search(driver, "Q1W001");

      // other tests' proteins may follow in the table; the planted neighbour is the nearest
      wait.until(
          ExpectedConditions.numberOfElementsToBeMoreThan(
              By.cssSelector("#neighbours tbody a.accession-link"), 0));
      List<WebElement> dssp3 =
          driver.findElements(By.cssSelector("#track .track-row[data-row='DSSP3'] span.r"));
      assertEquals(SEQUENCE.length(), dssp3.size(), "one DSSP3 cell per residue");
      assertTrue(dssp3.get(0).getAttribute("class").contains("ss-H"));
      assertTrue(
          dssp3.get(0).getAttribute("title").contains("DSSP3: H 0.90"),
          dssp3.get(0).getAttribute("title"));
      assertEquals(
          1, driver.findElements(By.cssSelector("#track .track-row[data-row='DSSP8']")).size());
      assertEquals(
          1, driver.findElements(By.cssSelector("#track .track-row[data-row='disorder']")).size());
      List<WebElement> bars = driver.findElements(By.cssSelector("#localization .bar-row"));
      assertEquals(10, bars.size(), "one bar per localization class");
      assertTrue(bars.get(0).getText().startsWith("Cytoplasm"), bars.get(0).getText());
      assertTrue(driver.findElement(By.id("membrane")).getText().startsWith("Soluble"));
      assertEquals(
          "Q1W002 \u2605",
          driver.findElement(By.cssSelector("#neighbours tbody a.accession-link")).getText());
      assertTrue(
          driver.findElement(By.id("transferred")).getText().contains("keyword Cytoplasm"),
          driver.findElement(By.id("transferred")).getText());
      WebElement note = driver.findElement(By.id("model-note"));
      assertTrue(note.isDisplayed() && note.getText().contains("Demo model"), note.getText());
      screenshot(driver, "index-page.png");

      search(driver, "MKV*LL");
      WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
      assertTrue(error.getText().contains("invalid residue '*' at position 4"), error.getText());
      screenshot(driver, "index-page-error.png");
    } finally {
      driver.quit();
    }
  }

  private static ProteinEmbeddingEvent demo(ProteinEmbeddingEvent event) {
    event.setModelId(DEMO_MODEL);
    return event;
  }

  private static void search(WebDriver driver, String query) {
    WebElement box = driver.findElement(By.id("query"));
    box.clear();
    box.sendKeys(query);
    driver.findElement(By.id("search")).click();
  }

  private static void screenshot(WebDriver driver, String name) throws IOException {
    Path shot =
        ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Path target = Path.of("target", name);
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static WebDriver startBrowser() throws IOException {
    Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  /** Installs Debian's chromium and chromium-driver when missing; fails when it cannot. */
  private static void ensureBrowserInstalled() throws IOException, InterruptedException {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new AssertionError(
          "the browser test needs /usr/bin/chromium and /usr/bin/chromedriver:"
              + " apt-get install -y chromium chromium-driver (as root)");
    }
    Process install =
        new ProcessBuilder(
                "sh",
                "-c",
                "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver")
            .inheritIO()
            .start();
    if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
      throw new AssertionError("installing chromium and chromium-driver failed");
    }
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError("chromium-driver installed no /usr/bin/chromedriver");
    }
  }
}
