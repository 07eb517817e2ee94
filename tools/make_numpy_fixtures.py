#!/usr/bin/python3
"""numpy interoperability fixtures for Motiflens (uses Debian's python3-numpy).

  make_numpy_fixtures.py write [DIR]   write the fixtures (default tests/TestData/numpy) and expected.json
  make_numpy_fixtures.py check DIR     check arrays that Motiflens wrote into DIR load in numpy and equal the
                                       fixtures they were copied from (DIR comes from running the IO tests with
                                       MOTIFLENS_NUMPY_EXPORT=DIR), plus the dataset layout of DIR/dataset.npz

expected.json lists, per fixture file and array, the dtype, shape and the values in C order. Floats are given
as their IEEE bit patterns (hex) so NaN, infinities and -0.0 compare exactly; int64 as decimal strings.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "..", "tests", "TestData", "numpy")

DTYPES = ["bool", "uint8", "int8", "int32", "int64", "float32", "float64", "unicode"]


def values(dtype, shape):
    """Deterministic values of a dtype with edge cases (extremes, NaN, infinities, -0.0, non-ASCII)."""
    n = int(np.prod(shape)) if len(shape) else 1
    i = np.arange(n)
    if dtype == "bool":
        a = (i % 3 == 0)
    elif dtype == "uint8":
        a = ((i * 37) % 256).astype(np.uint8)
        if n > 1:
            a[-1] = 255
    elif dtype == "int8":
        a = (((i * 41) % 256) - 128).astype(np.int8)
    elif dtype == "int32":
        a = ((i - n // 2) * 123457).astype(np.int32)
        if n > 2:
            a[0], a[1] = np.iinfo(np.int32).min, np.iinfo(np.int32).max
    elif dtype == "int64":
        a = ((i - n // 2) * 98765432101).astype(np.int64)
        if n > 2:
            a[0], a[1] = np.iinfo(np.int64).min, np.iinfo(np.int64).max
    elif dtype in ("float32", "float64"):
        a = ((i - n / 2) / 7.0).astype(dtype)
        if n > 4:
            a[0], a[1], a[2], a[3] = np.nan, np.inf, -np.inf, -0.0
    elif dtype == "unicode":
        words = ["", "A", "ACGT", "chr8:100-300", "Ångström", "µ", "motif;x", "😀dna"]
        a = np.array([words[k % len(words)] for k in i])
        if n == 0:
            a = np.zeros(0, dtype="<U1")
    else:
        raise ValueError(dtype)
    return a.reshape(shape)


def describe(a):
    flat = a.reshape(-1)
    if a.dtype.kind == "f":
        bits = flat.view(np.uint32 if a.dtype.itemsize == 4 else np.uint64)
        vals = ["%x" % int(b) for b in bits]
    elif a.dtype == np.int64:
        vals = [str(int(v)) for v in flat]
    elif a.dtype.kind == "b":
        vals = [bool(v) for v in flat]
    elif a.dtype.kind in "iu":
        vals = [int(v) for v in flat]
    else:
        vals = [str(v) for v in flat]
    return {"dtype": a.dtype.str, "shape": list(a.shape), "values": vals}


def fixtures():
    """(file name, {array name: array}, fortran) for every .npy and .npz fixture."""
    out = []
    for dt in DTYPES:
        out.append((f"{dt}_c.npy", {"": values(dt, (2, 3, 4))}, False))
        out.append((f"{dt}_f.npy", {"": values(dt, (2, 3, 4))}, True))
        out.append((f"{dt}_1d.npy", {"": values(dt, (5,))}, False))
        out.append((f"{dt}_empty.npy", {"": values(dt, (0, 3))}, False))
        out.append((f"{dt}_scalar.npy", {"": values(dt, ())}, False))
    members = {
        "a": values("float32", (3, 2)),
        "b": values("int64", (4,)),
        "names": values("unicode", (6,)),
        "mask": values("bool", (2, 2)),
    }
    out.append(("stored.npz", members, False))
    out.append(("compressed.npz", members, False))
    return out


def dataset_arrays():
    """A small dataset in the transposed (N, 4, L) float32 layout with an N column, as numpy users save it."""
    seqs = ["ACGTN", "TTGCA", "GGGCC"]
    x = np.zeros((3, 4, 5), dtype=np.float32)
    for s, seq in enumerate(seqs):
        for p, ch in enumerate(seq):
            if ch in "ACGT":
                x[s, "ACGT".index(ch), p] = 1
    y = np.array([1, 0, 1], dtype=np.float64)
    return {"x_train": x, "y_train": y, "x_test": x[:1].astype(bool), "y_test": np.array([[1.0]], dtype=np.float32)}, seqs


def write(directory):
    os.makedirs(directory, exist_ok=True)
    expected = {}
    for name, arrays, fortran in fixtures():
        path = os.path.join(directory, name)
        if name.endswith(".npy"):
            a = arrays[""]
            np.save(path, np.asfortranarray(a) if fortran else a)
            expected[name] = describe(a)
        else:
            (np.savez_compressed if name.startswith("compressed") else np.savez)(path, **arrays)
            expected[name] = {k: describe(v) for k, v in arrays.items()}
    np.save(os.path.join(directory, "big_endian.npy"), np.arange(4, dtype=">f4"))
    np.save(os.path.join(directory, "object.npy"), np.array([1, "a", None], dtype=object), allow_pickle=True)
    ds, seqs = dataset_arrays()
    np.savez(os.path.join(directory, "dataset_ncl.npz"), **ds)
    # The same dataset in (N, L, 4) with Fortran-ordered float64 and int32 one-hot arrays (the non-streaming path).
    nlc = np.transpose(ds["x_train"], (0, 2, 1))
    np.savez_compressed(os.path.join(directory, "dataset_fortran.npz"),
                        x_train=np.asfortranarray(nlc.astype(np.float64)), y_train=ds["y_train"],
                        x_valid=nlc.astype(np.int32), y_valid=ds["y_train"].astype(np.int64))
    expected["dataset_ncl.npz"] = {"train_sequences": seqs, "train_targets": [1.0, 0.0, 1.0]}
    expected["dataset_fortran.npz"] = {"train_sequences": seqs, "train_targets": [1.0, 0.0, 1.0]}
    with open(os.path.join(directory, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print(f"wrote fixtures to {directory}")


def same(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind == "f":
        return a.tobytes() == b.tobytes()
    return bool(np.array_equal(a, b))


def check(directory):
    failures = 0
    checked = 0
    for name, arrays, _ in fixtures():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            print(f"MISSING {path}")
            failures += 1
            continue
        if name.endswith(".npy"):
            got = {"": np.load(path, allow_pickle=False)}
        else:
            with np.load(path, allow_pickle=False) as z:
                got = {k: z[k] for k in z.files}
        for key, want in arrays.items():
            checked += 1
            have = got.get(key)
            if have is None or not same(have, want):
                print(f"DIFFERENT {name}[{key}]: numpy read {None if have is None else (have.dtype, have.shape)}, expected {want.dtype} {want.shape}")
                failures += 1
    ds_path = os.path.join(directory, "dataset.npz")
    if os.path.exists(ds_path):
        with np.load(ds_path, allow_pickle=False) as z:
            for split in ("train", "valid", "test"):
                x, y = z["x_" + split], z["y_" + split]
                ok = x.dtype == np.uint8 and x.ndim == 3 and x.shape[2] == 4 and y.dtype == np.float32 and y.ndim == 2 and y.shape[0] == x.shape[0]
                ok = ok and bool(((x.sum(axis=2) == 1) | (x.sum(axis=2) == 0)).all())
                if "pwm_" + split in z.files:
                    p = z["pwm_" + split]
                    ok = ok and p.dtype == np.float32 and p.shape == x.shape and bool(np.allclose(p.sum(axis=2), 1, atol=1e-5))
                    e = z["embeddings_" + split]
                    ok = ok and e.dtype.kind == "U" and e.shape == (x.shape[0],)
                checked += 1
                if not ok:
                    print(f"BAD LAYOUT dataset.npz split {split}: x {x.dtype} {x.shape}, y {y.dtype} {y.shape}")
                    failures += 1
            if "motif_names" in z.files:
                checked += 1
                if z["motif_names"].dtype.kind != "U":
                    print("BAD motif_names dtype")
                    failures += 1
    print(f"checked {checked} arrays written by Motiflens: {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "write"
    if mode == "write":
        write(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_DIR)
    elif mode == "check" and len(sys.argv) == 3:
        sys.exit(check(sys.argv[2]))
    else:
        print(__doc__)
        sys.exit(2)
