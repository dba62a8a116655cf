"""Writes the small .npy/.npz fixtures that the Data tests read, using real numpy.

Run from anywhere with Debian's numpy:  /usr/bin/python3 tests/Dendrite.Tests/Fixtures/make_fixtures.py
Every array's values are simple formulas, so the C# tests can recompute them.
"""
import io
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def save_version(name, arr, version):
    with open(path(name), "wb") as f:
        np.lib.format.write_array(f, arr, version=version)


def load_planar_dataset(seed=1):
    """The course's planar_utils.load_planar_dataset, with the seed as a parameter."""
    np.random.seed(seed)
    m = 400
    N = int(m / 2)
    D = 2
    X = np.zeros((m, D))
    Y = np.zeros((m, 1), dtype="uint8")
    a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def main():
    # value(i) = i * 0.5 - 1 in C order, for every float fixture
    np.save(path("f4_2x3.npy"), (np.arange(6) * 0.5 - 1).reshape(2, 3).astype("<f4"))
    np.save(path("f8_4.npy"), (np.arange(4) * 0.5 - 1).astype("<f8"))
    np.save(path("f8_scalar.npy"), np.array(3.25, dtype="<f8"))
    np.save(path("f4_empty_0x3.npy"), np.zeros((0, 3), dtype="<f4"))
    np.save(path("i4_2x2.npy"), np.array([[1, -2], [2147483647, -2147483648]], dtype="<i4"))
    np.save(path("i8_3.npy"), np.array([0, -5, 2147483647], dtype="<i8"))
    np.save(path("i8_overflow.npy"), np.array([1, 2147483648], dtype="<i8"))
    np.save(path("u1_2x2.npy"), np.array([[0, 1], [128, 255]], dtype="|u1"))
    np.save(path("b1_3.npy"), np.array([True, False, True]))
    np.save(path("be_f4_2.npy"), np.array([1, 2], dtype=">f4"))
    np.save(path("c8_2.npy"), np.array([1 + 2j, 3], dtype="<c8"))
    # A 2x3x4 float64 array stored column-major: values must keep their indices.
    np.save(path("f8_fortran_2x3x4.npy"), np.asfortranarray((np.arange(24) * 0.5 - 1).reshape(2, 3, 4)))
    save_version("f8_v2_2x3.npy", (np.arange(6) * 0.5 - 1).reshape(2, 3), (2, 0))
    save_version("f8_v3_2x3.npy", (np.arange(6) * 0.5 - 1).reshape(2, 3), (3, 0))

    arrays = dict(
        a=(np.arange(6) * 0.5 - 1).reshape(2, 3).astype("<f4"),
        b=np.arange(5, dtype="<i4"),
        c=np.array(2.5),
    )
    np.savez(path("stored.npz"), **arrays)
    np.savez_compressed(path("deflated.npz"), **arrays)

    X, Y = load_planar_dataset(1)
    np.savez_compressed(path("planar_flower_seed1.npz"), X=X.T, Y=Y.T.astype("<f8"))


if __name__ == "__main__":
    main()
