package io.protstream.model.fetch;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where the published ProtT5-XL-U50 encoder and the paper's heads live, at a pinned revision, and
 * the SHA-256 digests that their publishers state.
 *
 * @param hubEndpoint the Hugging Face hub ({@code HF_ENDPOINT}); files are under {@code
 *     /{repo}/resolve/{revision}/{file}}
 * @param repo the hub repository of the encoder
 * @param revision the commit of {@code repo} to download, never a moving branch
 * @param headsBaseUrl the bio_embeddings data host's {@code feature_models} folder
 * @param sha256 published digests by download path ({@link RemoteFile#target()}); a file not listed
 *     is recorded, not verified
 */
public record PublishedModel(
    URI hubEndpoint, String repo, String revision, URI headsBaseUrl, Map<String, String> sha256) {

  public static final String HUB = "https://huggingface.co";
  public static final String ENCODER_REPO = "Rostlab/prot_t5_xl_half_uniref50-enc";

  /** The repository's head commit ("Fix code example"), with the fp16 weights of May 2022. */
  public static final String ENCODER_REVISION = "94a6abc029ae13029317b140b7424e012bf8dfbf";

  /** The folder bio_embeddings downloads its ProtT5 heads from. */
  public static final String HEADS_BASE =
      "http://data.bioembeddings.com/public/embeddings/feature_models/";

  /** Download folder layout: the encoder checkpoint folder that {@code convert} reads. */
  public static final String ENCODER_FOLDER = "encoder";

  public static final String CONFIG = ENCODER_FOLDER + "/config.json";
  public static final String WEIGHTS = ENCODER_FOLDER + "/pytorch_model.bin";
  public static final String SECSTRUCT = "heads/secstruct_checkpoint.pt";
  public static final String LOCALIZATION = "heads/la_prott5_subcellular_localization.pt";
  public static final String MEMBRANE = "heads/la_prott5_subcellular_solubility.pt";

  /**
   * Digests the publishers state: the hub lists the Git LFS SHA-256 of {@code pytorch_model.bin};
   * {@code config.json} (a plain Git blob) and the bio_embeddings head files have none published.
   */
  public static final Map<String, String> PUBLISHED_SHA256 =
      Map.of(WEIGHTS, "7f51ba885541c7dc569d46b796af57cc7a2ba7945107dced4f19d1b5ec091157");

  private static final Map<String, String> HEAD_PATHS =
      Map.of(
          SECSTRUCT, "t5/secstruct_checkpoint.pt",
          LOCALIZATION, "light_attention/la_prott5_subcellular_localization.pt",
          MEMBRANE, "light_attention/la_prott5_subcellular_solubility.pt");

  /** The files in download order: the small ones first, so a wrong address fails fast. */
  public List<RemoteFile> files() {
    return List.of(
        hub("config.json", CONFIG),
        head(SECSTRUCT),
        head(LOCALIZATION),
        head(MEMBRANE),
        hub("pytorch_model.bin", WEIGHTS));
  }

  /** One small file on each host, to see whether both answer at all. */
  public List<RemoteFile> probes() {
    return List.of(hub("config.json", CONFIG), head(SECSTRUCT));
  }

  private RemoteFile hub(String file, String target) {
    URI uri = withSlash(hubEndpoint).resolve(repo + "/resolve/" + revision + "/" + file);
    return new RemoteFile(uri, target, sha256.get(target));
  }

  private RemoteFile head(String target) {
    return new RemoteFile(
        withSlash(headsBaseUrl).resolve(HEAD_PATHS.get(target)), target, sha256.get(target));
  }

  private static URI withSlash(URI base) {
    String s = base.toString();
    return s.endsWith("/") ? base : URI.create(s + "/");
  }
}
