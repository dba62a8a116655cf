"""Fixtures for tests/Dendrite.Tests/Serialization/KerasWeightsTests.cs: a Keras 2 model.save_weights .h5 file.

Run once with Debian's python3-h5py and numpy:  /usr/bin/python3 make_keras_fixture.py
TensorFlow is not installed, so the file is written here in the layout Keras 2's save_weights uses (h5py,
keras/saving/legacy/hdf5_format.py's conventions): root attributes layer_names (every layer, weightless ones too),
backend and keras_version; one group per layer with attribute weight_names ('dense/kernel:0', …) and each weight as a
dataset at <layer>/<weight name>. The last Dense layer's weight_names is split into weight_names0 and weight_names1, as
Keras does for attributes over 64 KB. Layouts are Keras's (channels last): Conv2D kernel (kh, kw, in, out), Dense
kernel (in, out), BatchNormalization gamma, beta, moving_mean, moving_variance.

Model (input 6×6×2, channels last): conv2d (4 filters 3×3, valid) → batch_normalization (epsilon 1e-3) → activation
(relu) → flatten → dense (64 → 3) → dense_1 (3 → 2). keras_model.h5 holds the weights; keras_model.npz holds
x_nchw [2, 2, 6, 6] (the input in Dendrite's layout) and y [2, 2], the forward pass written below in numpy (float64).
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def conv_valid(x, k, b):
    """x (N, H, W, C), kernel (kh, kw, C, F): y[n, i, j, f] = Σ x[n, i+u, j+v, c]·k[u, v, c, f] + b[f]."""
    n, h, w, _ = x.shape
    kh, kw, _, f = k.shape
    y = np.zeros((n, h - kh + 1, w - kw + 1, f))
    for i in range(h - kh + 1):
        for j in range(w - kw + 1):
            y[:, i, j, :] = np.einsum("nuvc,uvcf->nf", x[:, i:i + kh, j:j + kw, :], k) + b
    return y


def main():
    rng = np.random.default_rng(11)
    w = {
        "conv2d": {"kernel": rng.normal(0, 0.5, (3, 3, 2, 4)), "bias": rng.normal(0, 0.1, 4)},
        "batch_normalization": {"gamma": rng.uniform(0.5, 1.5, 4), "beta": rng.normal(0, 0.2, 4),
                                "moving_mean": rng.normal(0, 0.3, 4), "moving_variance": rng.uniform(0.5, 2, 4)},
        "dense": {"kernel": rng.normal(0, 0.3, (64, 3)), "bias": rng.normal(0, 0.1, 3)},
        "dense_1": {"kernel": rng.normal(0, 0.5, (3, 2)), "bias": rng.normal(0, 0.1, 2)},
    }
    w = {layer: {k: v.astype(np.float32) for k, v in ws.items()} for layer, ws in w.items()}
    x = rng.uniform(-1, 1, (2, 6, 6, 2)).astype(np.float32)

    f = {layer: {k: v.astype(np.float64) for k, v in ws.items()} for layer, ws in w.items()}
    h = conv_valid(x.astype(np.float64), f["conv2d"]["kernel"], f["conv2d"]["bias"])
    bn = f["batch_normalization"]
    h = (h - bn["moving_mean"]) / np.sqrt(bn["moving_variance"] + 1e-3) * bn["gamma"] + bn["beta"]
    h = np.maximum(h, 0).reshape(2, -1)  # Keras's Flatten: (H, W, C) order
    h = h @ f["dense"]["kernel"] + f["dense"]["bias"]
    y = h @ f["dense_1"]["kernel"] + f["dense_1"]["bias"]

    layers = ["conv2d", "batch_normalization", "activation", "flatten", "dense", "dense_1"]
    with h5py.File(os.path.join(HERE, "keras_model.h5"), "w") as file:
        file.attrs["layer_names"] = np.array([n.encode() for n in layers])
        file.attrs["backend"] = b"tensorflow"
        file.attrs["keras_version"] = b"2.11.0"
        for layer in layers:
            g = file.create_group(layer)
            names = [f"{layer}/{k}:0".encode() for k in w.get(layer, {})]
            if layer == "dense_1":
                g.attrs["weight_names0"] = np.array(names[:1])
                g.attrs["weight_names1"] = np.array(names[1:])
            else:
                g.attrs["weight_names"] = np.array(names, dtype="S") if names else np.array([], dtype="S1")
            for k, v in w.get(layer, {}).items():
                g.create_dataset(f"{layer}/{k}:0", data=v)
    np.savez(os.path.join(HERE, "keras_model.npz"), x_nchw=np.ascontiguousarray(x.transpose(0, 3, 1, 2)), y=y)
    print(y)


if __name__ == "__main__":
    main()
