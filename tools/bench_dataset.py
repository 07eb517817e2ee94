#!/usr/bin/env python3
"""Writes a large random dataset .npz for the memory benchmark (docs/PERFORMANCE.md, "Memory").

x_train: (N, L, 4) uint8 one-hot of uniform random bases; y_train: (N, T) float32 random 0/1 labels;
x_valid / y_valid: 1% of N more. Usage: bench_dataset.py OUT.npz [--n 1000000] [--length 200] [--tasks 12] [--seed 0]
"""
import argparse

import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--length", type=int, default=200)
    ap.add_argument("--tasks", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    eye = np.eye(4, dtype=np.uint8)

    def split(n):
        x = eye[rng.integers(0, 4, size=(n, a.length), dtype=np.uint8)]
        y = rng.integers(0, 2, size=(n, a.tasks)).astype(np.float32)
        return x, y

    x_train, y_train = split(a.n)
    x_valid, y_valid = split(max(1, a.n // 100))
    np.savez(a.out, x_train=x_train, y_train=y_train, x_valid=x_valid, y_valid=y_valid)


if __name__ == "__main__":
    main()
