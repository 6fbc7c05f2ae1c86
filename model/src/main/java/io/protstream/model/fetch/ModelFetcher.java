package io.protstream.model.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.protstream.model.onnx.OnnxModelWriter;
import io.protstream.model.pipeline.HeadCheckpoints;
import io.protstream.model.pipeline.Manifest;
import io.protstream.model.pipeline.ModelConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published model, downloaded and converted into a model folder: the encoder checkpoint and the
 * three head checkpoints into a download folder (kept, so a second run downloads nothing), then
 * {@link ModelConverter} into the model folder.
 */
public final class ModelFetcher {

  /** What was downloaded, written next to the downloads: address, size, SHA-256, verified. */
  public static final String RECORD_FILE = "downloads.json";

  /** What a fetch did. */
  public record Result(Path modelFolder, List<Download> downloads, Manifest manifest) {

    public List<Download> unverified() {
      return downloads.stream().filter(d -> !d.verified()).toList();
    }
  }

  private final PublishedModel source;
  private final HttpDownloader downloader;

  public ModelFetcher(PublishedModel source, HttpDownloader downloader) {
    this.source = source;
    this.downloader = downloader;
  }

  /**
   * @param downloads folder for the checkpoints as published (the {@code convert} input)
   * @param out the model folder to write
   * @param halfWeights store the encoder in fp16 (exact for the published fp16 weights)
   */
  public Result fetch(Path downloads, Path out, boolean halfWeights, DownloadListener listener)
      throws IOException {
    Files.createDirectories(downloads);
    List<Download> done = new ArrayList<>();
    for (RemoteFile file : source.files()) {
      done.add(downloader.download(file, downloads, listener));
    }
    writeRecord(downloads, done);
    Manifest manifest =
        new ModelConverter(new OnnxModelWriter(), halfWeights)
            .convert(
                downloads.resolve(PublishedModel.ENCODER_FOLDER),
                new HeadCheckpoints(
                    downloads.resolve(PublishedModel.SECSTRUCT),
                    downloads.resolve(PublishedModel.LOCALIZATION),
                    downloads.resolve(PublishedModel.MEMBRANE)),
                out);
    return new Result(out, done, manifest);
  }

  private void writeRecord(Path downloads, List<Download> done) throws IOException {
    List<Map<String, Object>> files = new ArrayList<>();
    for (Download d : done) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", d.file().target());
      entry.put("url", d.file().uri().toString());
      entry.put("bytes", d.bytes());
      entry.put("sha256", d.sha256());
      entry.put("verified", d.verified());
      files.add(entry);
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("repo", source.repo());
    record.put("revision", source.revision());
    record.put("files", files);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(downloads.resolve(RECORD_FILE).toFile(), record);
  }
}
