package io.protstream.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastaAndH5Test {

  @TempDir Path dir;

  @Test
  void readsMultiLineFastaAndNamesEntriesLikeUniProt() throws Exception {
    Path fasta =
        Files.writeString(
            dir.resolve("in.fasta"),
            ">sp|P69905|HBA_HUMAN Hemoglobin subunit alpha\nMVLSPADK\nTNVKAAW\n\n"
                + ">tr|A0A024R161|A0A024R161_HUMAN x\nMK\n>my_protein description\nACD\n");
    List<FastaRecord> records = FastaReader.read(fasta);
    assertEquals(3, records.size());
    assertEquals("P69905", records.get(0).id());
    assertEquals("MVLSPADKTNVKAAW", records.get(0).sequence());
    assertEquals("A0A024R161", records.get(1).id());
    assertEquals("my_protein", records.get(2).id());
  }

  @Test
  void refusesSequenceBeforeHeader() throws Exception {
    Path fasta = Files.writeString(dir.resolve("bad.fasta"), "MK\n>x\nMK\n");
    assertThrows(IllegalArgumentException.class, () -> FastaReader.read(fasta));
  }

  @Test
  void writesDatasetsThatJhdfReadsBack() {
    Path file = dir.resolve("out.h5");
    float[] protein = {1f, 2f, 3.5f};
    float[] residues = {1, 2, 3, 4, 5, 6};
    try (EmbeddingsH5Writer w = new EmbeddingsH5Writer(file)) {
      w.putVector("P69905", protein);
      w.putMatrix("weird/id", residues, 2, 3);
      assertThrows(IllegalArgumentException.class, () -> w.putVector("P69905", protein));
    }
    try (HdfFile h5 = new HdfFile(file)) {
      Dataset p = h5.getDatasetByPath("P69905");
      assertArrayEquals(new int[] {3}, p.getDimensions());
      assertArrayEquals(protein, (float[]) p.getData());
      Dataset r = h5.getDatasetByPath("weird_id");
      assertArrayEquals(new int[] {2, 3}, r.getDimensions());
      float[][] data = (float[][]) r.getData();
      assertArrayEquals(new float[] {4, 5, 6}, data[1]);
    }
  }
}
