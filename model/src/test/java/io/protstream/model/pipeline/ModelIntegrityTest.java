package io.protstream.model.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.protstream.model.batching.BatchLimits;
import io.protstream.model.cli.ProtstreamCli;
import io.protstream.model.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A model folder is served only if its files are those its manifest hashed. */
class ModelIntegrityTest {

  @TempDir Path dir;

  private Path model;

  @BeforeEach
  void tinyModel() {
    model = dir.resolve("model");
    DemoModels.create(DemoModels.Size.TINY, 7, model);
  }

  @Test
  void freshlyWrittenFolderNeedsNoHashingOnOpen() {
    assertEquals(0, ModelIntegrity.verify(model, Manifest.read(model)));
  }

  @Test
  void flippedByteInAHeadWithANewModificationTimeIsRefusedOnOpen() throws IOException {
    Path head = model.resolve("secstruct.onnx");
    flipLastByte(head);
    Files.setLastModifiedTime(head, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

    ModelIntegrityException e =
        assertThrows(
            ModelIntegrityException.class,
            () -> ProtT5Model.open(model, RuntimeOptions.cpu(), BatchLimits.DEFAULT).close());
    assertTrue(e.getMessage().contains("secstruct.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void flippedByteIsRefusedOnOpenWhenTheRecordOfVerifiedFilesIsGone() throws IOException {
    flipLastByte(model.resolve("membrane.onnx"));
    Files.delete(model.resolve(ModelIntegrity.CACHE_FILE));

    ModelIntegrityException e =
        assertThrows(
            ModelIntegrityException.class,
            () -> ProtT5Model.openHeads(model, RuntimeOptions.cpu(), BatchLimits.DEFAULT).close());
    assertTrue(e.getMessage().contains("membrane.onnx"), e.getMessage());
  }

  @Test
  void verifyCommandHashesEverythingAndNamesTheDamagedFile() throws IOException {
    Path head = model.resolve("localization.onnx");
    FileTime unchanged = Files.getLastModifiedTime(head);
    flipLastByte(head);
    // same size and time: the fast check on open cannot see it, the full check must
    Files.setLastModifiedTime(head, unchanged);
    assertEquals(0, ModelIntegrity.verify(model, Manifest.read(model)));

    StringWriter err = new StringWriter();
    CommandLine cli = ProtstreamCli.newCommandLine();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("verify", "--model", model.toString());

    assertEquals(2, exit);
    assertTrue(err.toString().contains("localization.onnx"), err.toString());
    assertTrue(err.toString().startsWith("error: "), err.toString());
  }

  @Test
  void verifyCommandPassesAnIntactFolder() {
    CommandLine cli = ProtstreamCli.newCommandLine();
    assertEquals(0, cli.execute("verify", "--model", model.toString()));
  }

  @Test
  void touchedButUnchangedFileIsHashedOnceThenTrustedAgain() throws IOException {
    Path head = model.resolve("secstruct.onnx");
    Files.setLastModifiedTime(head, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Manifest manifest = Manifest.read(model);
    assertEquals(1, ModelIntegrity.verify(model, manifest));
    assertEquals(0, ModelIntegrity.verify(model, manifest));
  }

  @Test
  void editedManifestInvalidatesTheRecord() throws IOException {
    Path manifest = model.resolve(Manifest.FILE_NAME);
    Files.writeString(manifest, Files.readString(manifest) + "\n");
    Manifest m = Manifest.read(model);
    assertEquals(m.files().size(), ModelIntegrity.verify(model, m));
  }

  @Test
  void manifestEntryOutsideTheFolderIsRefused() {
    Manifest m = Manifest.read(model);
    Manifest escaping =
        new Manifest(
            m.format(),
            m.source(),
            m.encoder(),
            m.secstruct(),
            m.localization(),
            m.membrane(),
            java.util.List.of(new Manifest.FileEntry("../outside", 1, "00")));
    ModelIntegrityException e =
        assertThrows(ModelIntegrityException.class, () -> ModelIntegrity.verify(model, escaping));
    assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
  }

  private static void flipLastByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(file, bytes);
  }
}
