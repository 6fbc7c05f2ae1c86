"""Runs one encoder graph's benchmark set in ONNX Runtime or Hugging Face transformers.

Started by `protstream bench --compare` with a JSON request file:
  {"path": "ort" | "hf", "encoder": ".../encoder.onnx", "config": {T5 config.json keys},
   "threads": 0, "repeats": 1, "sequences": [[token ids ending in </s>], ...]}
Each protein runs on its own (batch 1, no padding). The last line printed is
  RESULT {"version": ..., "open_seconds": ..., "seconds": [one per repeat], "first_protein": [...]}
or
  SKIP <reason>
when the path's packages are not importable.
"""

import json
import os
import sys
import time

EOS_ID = 1


def result(payload):
    print("RESULT " + json.dumps(payload), flush=True)


def skip(reason):
    print("SKIP " + reason, flush=True)
    sys.exit(0)


def timed_runs(run_one, sequences, repeats):
    run_one(sequences[0])  # the first run pays for one-time setup; keep it out of the timing
    first = None
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        for i, ids in enumerate(sequences):
            pooled = run_one(ids)
            if i == 0:
                first = pooled
        seconds.append(time.perf_counter() - start)
    return seconds, [float(v) for v in first]


def run_ort(request):
    try:
        import numpy as np
        import onnxruntime as ort
    except ImportError as e:
        skip("onnxruntime or numpy not importable: %s" % e)
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if request["threads"] > 0:
        options.intra_op_num_threads = request["threads"]
    start = time.perf_counter()
    session = ort.InferenceSession(
        request["encoder"], options, providers=["CPUExecutionProvider"])
    opened = time.perf_counter() - start

    def run_one(ids):
        x = np.asarray([ids], dtype=np.int64)
        # the same outputs the Java path returns: per-residue states and the per-protein mean
        hidden, pooled = session.run(
            ["last_hidden_state", "protein_embedding"],
            {"input_ids": x, "attention_mask": np.ones_like(x)})
        return pooled[0]

    seconds, first = timed_runs(run_one, request["sequences"], request["repeats"])
    result({"version": "onnxruntime " + ort.__version__, "open_seconds": opened,
            "seconds": seconds, "first_protein": first})


def onnx_weights(encoder_path):
    """The encoder graph's initializers as float32 arrays, read from external data by offset."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load(encoder_path, load_external_data=False)
    folder = os.path.dirname(os.path.abspath(encoder_path))
    maps = {}
    weights = {}
    for t in model.graph.initializer:
        if t.data_location == onnx.TensorProto.EXTERNAL:
            info = {e.key: e.value for e in t.external_data}
            location = info["location"]
            if location not in maps:
                maps[location] = np.memmap(os.path.join(folder, location), dtype=np.uint8, mode="r")
            offset = int(info.get("offset", 0))
            length = int(info["length"])
            dtype = onnx.helper.tensor_dtype_to_np_dtype(t.data_type)
            array = np.frombuffer(maps[location][offset:offset + length], dtype=dtype)
            weights[t.name] = (array.reshape(tuple(t.dims)), t)
        else:
            weights[t.name] = (numpy_helper.to_array(t), t)
    return {name: a.astype(np.float32) for name, (a, _) in weights.items()}


def hf_state_dict(config, weights):
    """Maps this library's encoder initializers back to transformers' T5EncoderModel names."""
    import torch

    inner = config["num_heads"] * config["d_kv"]
    state = {"shared.weight": weights["shared.weight"]}
    for layer in range(config["num_layers"]):
        p = "encoder.block.%d.layer." % layer
        qkv = weights[p + "0.SelfAttention.qkv.T"]  # [d, 3*inner]
        state[p + "0.SelfAttention.q.weight"] = qkv[:, :inner].T
        state[p + "0.SelfAttention.k.weight"] = qkv[:, inner:2 * inner].T
        state[p + "0.SelfAttention.v.weight"] = qkv[:, 2 * inner:].T
        state[p + "0.SelfAttention.o.weight"] = weights[p + "0.SelfAttention.o.weight.T"].T
        state[p + "0.layer_norm.weight"] = weights[p + "0.layer_norm.weight"]
        state[p + "1.layer_norm.weight"] = weights[p + "1.layer_norm.weight"]
        for name in ("wi", "wi_0", "wi_1", "wo"):
            key = p + "1.DenseReluDense.%s.weight.T" % name
            if key in weights:
                state[p + "1.DenseReluDense.%s.weight" % name] = weights[key].T
    bias = "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"
    state[bias] = weights[bias]
    state["encoder.final_layer_norm.weight"] = weights["encoder.final_layer_norm.weight"]
    return {k: torch.from_numpy(v.copy()) for k, v in state.items()}


def run_hf(request):
    try:
        import torch
        import transformers
        from transformers import T5Config, T5EncoderModel
    except ImportError as e:
        skip("torch or transformers not importable: %s" % e)
    try:
        import onnx  # noqa: F401
    except ImportError as e:
        skip("the onnx package (to read the graph's weights) is not importable: %s" % e)
    if request["threads"] > 0:
        torch.set_num_threads(request["threads"])
    c = request["config"]
    start = time.perf_counter()
    config = T5Config(
        vocab_size=c["vocab_size"], d_model=c["d_model"], d_kv=c["d_kv"], d_ff=c["d_ff"],
        num_layers=c["num_layers"], num_heads=c["num_heads"],
        relative_attention_num_buckets=c["relative_attention_num_buckets"],
        relative_attention_max_distance=c["relative_attention_max_distance"],
        layer_norm_epsilon=c["layer_norm_epsilon"], feed_forward_proj=c["feed_forward_proj"],
        dropout_rate=0.0, is_encoder_decoder=False, use_cache=False)
    with torch.device("meta"):
        model = T5EncoderModel(config)
    state = hf_state_dict(c, onnx_weights(request["encoder"]))
    model.load_state_dict(state, strict=False, assign=True)
    model.encoder.embed_tokens = model.shared
    model.eval()
    opened = time.perf_counter() - start

    def run_one(ids):
        with torch.inference_mode():
            x = torch.tensor([ids], dtype=torch.long)
            hidden = model(input_ids=x, attention_mask=torch.ones_like(x)).last_hidden_state
            return hidden[0, :-1].mean(dim=0).numpy()  # residues only, </s> excluded

    seconds, first = timed_runs(run_one, request["sequences"], request["repeats"])
    result({"version": "transformers %s, torch %s" % (transformers.__version__, torch.__version__),
            "open_seconds": opened, "seconds": seconds, "first_protein": first})


def main():
    with open(sys.argv[1]) as f:
        request = json.load(f)
    if any(ids[-1] != EOS_ID for ids in request["sequences"]):
        raise SystemExit("every sequence must end in </s>")
    {"ort": run_ort, "hf": run_hf}[request["path"]](request)


if __name__ == "__main__":
    main()
