package io.protstream.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .safetensors} file: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the raw data. Tensors are memory-mapped one at a time.
 */
public final class SafetensorsCheckpoint implements Checkpoint {

  private static final long MAX_HEADER_BYTES = 100L << 20;

  private record Entry(TensorInfo info, long begin, long end) {}

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, Entry> entries;

  private SafetensorsCheckpoint(
      Path file, FileChannel channel, long dataStart, Map<String, Entry> e) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.entries = e;
  }

  public static SafetensorsCheckpoint open(Path file) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.getLong(0);
      if (headerLength <= 0
          || headerLength > MAX_HEADER_BYTES
          || 8 + headerLength > channel.size()) {
        throw new CheckpointException(
            file + " is not a safetensors file (header length " + headerLength + ")");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, 8);
      Map<String, Entry> entries =
          parseHeader(file, header.array(), channel.size() - 8 - headerLength);
      return new SafetensorsCheckpoint(file, channel, 8 + headerLength, entries);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static Map<String, Entry> parseHeader(Path file, byte[] json, long dataBytes)
      throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("__metadata__")) {
        continue;
      }
      JsonNode node = field.getValue();
      DType dtype = DType.ofSafetensors(node.path("dtype").asText());
      JsonNode shapeNode = node.path("shape");
      long[] shape = new long[shapeNode.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shapeNode.get(i).asLong();
      }
      long begin = node.path("data_offsets").path(0).asLong(-1);
      long end = node.path("data_offsets").path(1).asLong(-1);
      TensorInfo info = new TensorInfo(field.getKey(), dtype, shape);
      long bytes;
      try {
        bytes = Checked.multiply(info.elementCount(), dtype.byteSize(), "tensor " + info.name());
      } catch (CheckpointException overflow) {
        throw new CheckpointException(file + ": " + overflow.getMessage());
      }
      if (begin < 0 || end < begin || end > dataBytes || end - begin != bytes) {
        throw new CheckpointException(file + ": bad data offsets for " + info);
      }
      if (info.elementCount() > Checked.MAX_ARRAY) {
        throw new CheckpointException(file + ": " + info + " is too large to read as one array");
      }
      entries.put(field.getKey(), new Entry(info, begin, end));
    }
    return Collections.unmodifiableMap(entries);
  }

  @Override
  public Set<String> names() {
    return entries.keySet();
  }

  @Override
  public TensorInfo info(String name) {
    return entry(name).info();
  }

  @Override
  public float[] floats(String name) {
    Entry entry = entry(name);
    try {
      ByteBuffer data =
          channel.map(
              FileChannel.MapMode.READ_ONLY,
              dataStart + entry.begin(),
              entry.end() - entry.begin());
      return Floats.decode(
          data, entry.info().dtype(), Math.toIntExact(entry.info().elementCount()));
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + name + " from " + file, e);
    }
  }

  private Entry entry(String name) {
    Entry entry = entries.get(name);
    if (entry == null) {
      throw new CheckpointException(file + " has no tensor '" + name + "'");
    }
    return entry;
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    while (into.hasRemaining()) {
      int n = channel.read(into, position + into.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
