#!/usr/bin/python3
"""Golden fixtures for Motiflens's reliability metrics.

An independent numpy implementation of the formulas in DESIGN.md "Definitions" (original KLD,
attribution-weighted KLD, SNR, interpretability AUROC/AUPR, knowledge dissimilarity K), run on small
random inputs. Writes inputs and expected values to tests/TestData/interpretation/*.npz, which the C#
tests compare against (relative tolerance 1e-6).

Usage: /usr/bin/python3 tools/make_metric_golden.py   (needs numpy only; deterministic)
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "TestData", "interpretation")


def kmer_counts(seq, k):
    """Overlapping k-mer counts (4^k) of one code sequence, windows with N (code 4) skipped."""
    counts = np.zeros(4 ** k)
    for j in range(len(seq) - k + 1):
        w = seq[j:j + k]
        if np.any(w > 3):
            continue
        counts[int(np.dot(w.astype(np.int64), 4 ** np.arange(k - 1, -1, -1)))] += 1
    return counts


def kl(p, q):
    p = p / p.sum()
    q = q / q.sum()
    m = p > 0
    return float(np.sum(p[m] * np.log(p[m] / q[m])))


def corrected_norm(maps):
    c = maps.astype(np.float64)
    c = c - c.mean(axis=-1, keepdims=True)
    return np.sqrt(np.sum(c * c, axis=-1))


def signal(codes, maps):
    onehot = np.zeros(maps.shape)
    n, length = codes.shape
    for s in range(n):
        for i in range(length):
            if codes[s, i] < 4:
                onehot[s, i, codes[s, i]] = 1
    return np.sum(onehot * maps.astype(np.float64), axis=-1)


def blocks_of(r, q, buffer, k):
    cutoff = np.quantile(r, q)
    kept = np.where(r > cutoff)[0]
    runs = []
    for p in kept:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    blocks = []
    for a, b in runs:
        end = min(b + buffer, len(r) - 1)
        if blocks and a <= blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], end)
        else:
            blocks.append([a, end])
    return [(a, b) for a, b in blocks if b - a + 1 >= k]


def original_kld(codes, maps, k=6, q=0.9, buffer=2):
    r = corrected_norm(maps)
    p = np.zeros(4 ** k)
    prior = np.zeros(4 ** k)
    for s in range(codes.shape[0]):
        prior += kmer_counts(codes[s], k)
        for a, b in blocks_of(r[s], q, buffer, k):
            p += kmer_counts(codes[s, a:b + 1], k)
    return kl(p, prior) if p.sum() > 0 else float("nan")


def weighted_kld(codes, importance, k):
    p = np.zeros(4 ** k)
    prior = np.zeros(4 ** k)
    for s in range(codes.shape[0]):
        seq = codes[s]
        a = importance[s]
        prior += kmer_counts(seq, k)
        total = a.sum()
        if total <= 0:
            continue
        for j in range(len(seq) - k + 1):
            w = seq[j:j + k]
            if np.any(w > 3):
                continue
            p[int(np.dot(w.astype(np.int64), 4 ** np.arange(k - 1, -1, -1)))] += a[j:j + k].sum() / total
    return kl(p, prior)


def information(pwm):
    p = pwm.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log2(np.where(p > 0, p, 1)), 0.0)
    return 2 + terms.sum(axis=-1)


def snr(codes, maps, pwm, top=10):
    s_all = signal(codes, maps)
    info_all = information(pwm)
    out = []
    for s, info in zip(s_all, info_all):
        motif = info > 0.1
        if not motif.any():
            out.append(np.nan)
            continue
        sig = s[motif].mean()
        bg = s[(info == info.min()) & (s > 0)]
        if len(bg) < top:
            out.append(0.0)
            continue
        out.append(sig / np.sort(bg)[-top:].mean())
    out = np.array(out)
    return float(np.nanmean(out)), out


def auroc_pairwise(scores, labels):
    pos = scores[labels]
    neg = scores[~labels]
    if len(pos) == 0 or len(neg) == 0:
        return np.nan
    greater = (pos[:, None] > neg[None, :]).sum()
    equal = (pos[:, None] == neg[None, :]).sum()
    return (greater + 0.5 * equal) / (len(pos) * len(neg))


def aupr_trapezoid(scores, labels):
    if labels.sum() == 0:
        return np.nan
    recall = [0.0]
    precision = [1.0]
    for t in np.unique(scores)[::-1]:
        sel = scores >= t
        tp = (sel & labels).sum()
        recall.append(tp / labels.sum())
        precision.append(tp / sel.sum())
    return float(np.trapz(precision, recall))


def interpretability(codes, maps, pwm):
    s_all = signal(codes, maps)
    info_all = information(pwm)
    roc, pr = [], []
    for s, info in zip(s_all, info_all):
        motif = info > 0.1
        idx = motif | (info == info.min())
        roc.append(auroc_pairwise(s[idx], motif[idx]))
        pr.append(aupr_trapezoid(s[idx], motif[idx]))
    return float(np.nanmean(roc)), float(np.nanmean(pr)), np.array(roc), np.array(pr)


def knowledge(filters, motifs, temperature=0.1, reverse=True):
    """filters (F, m, 4); motifs list of (n, 4). Returns K and per-motif (filter, offset, strand, d)."""
    z = filters.astype(np.float64) / temperature
    dec = np.exp(z - z.max(axis=-1, keepdims=True))
    dec /= dec.sum(axis=-1, keepdims=True)
    results = []
    for p in motifs:
        n = p.shape[0]
        pad = int(np.ceil(n / 2))
        strands = [("+", p)] + ([("-", p[::-1, ::-1])] if reverse else [])
        best = (np.inf, -1, 0, "+")
        for f in range(filters.shape[0]):
            padded = np.concatenate([np.full((pad, 4), 0.25), dec[f], np.full((pad, 4), 0.25)])
            for strand, pp in strands:
                for o in range(padded.shape[0] - n + 1):
                    w = padded[o:o + n]
                    m = pp > 0
                    d = np.sum(np.where(m, pp * np.log(np.where(m, pp, 1) / w), 0.0)) / n
                    if d < best[0]:
                        best = (d, f, o - pad, strand)
        results.append(best)
    return float(np.mean([b[0] for b in results])), results


def random_codes(rng, n, length, n_rate=0.03):
    codes = rng.integers(0, 4, size=(n, length)).astype(np.uint8)
    codes[rng.random((n, length)) < n_rate] = 4
    return codes


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261121)

    # KLD fixture: 6 sequences of length 40, maps with a few bumps (so runs form) and rounded values (ties).
    n, length = 6, 40
    codes = random_codes(rng, n, length)
    maps = rng.normal(0, 0.2, size=(n, length, 4))
    for s in range(n):
        for _ in range(3):
            start = rng.integers(0, length - 5)
            maps[s, start:start + rng.integers(2, 8)] += rng.normal(0, 2.0, size=4)
    maps[1] = np.round(maps[1], 1)
    maps = maps.astype(np.float32)
    r = corrected_norm(maps)
    s_abs = np.abs(signal(codes, maps))
    ks = np.arange(2, 9)
    arrays = dict(codes=codes, maps=maps, ks=ks.astype(np.int32))
    arrays["original_k"] = np.array([2, 3, 4, 6], dtype=np.int32)
    arrays["original_kld"] = np.array([original_kld(codes, maps, k=k) for k in arrays["original_k"]])
    arrays["original_kld_q75_b1"] = np.array(original_kld(codes, maps, k=3, q=0.75, buffer=1))
    arrays["weighted_kld_norm"] = np.array([weighted_kld(codes, r, k) for k in ks])
    arrays["weighted_kld_abs"] = np.array([weighted_kld(codes, s_abs, k) for k in ks])
    arrays["quantile_q"] = np.array([0.0, 0.1, 0.5, 0.9, 0.95, 1.0])
    arrays["quantiles_seq0"] = np.array([np.quantile(r[0], q) for q in arrays["quantile_q"]])
    np.savez(os.path.join(OUT, "kld_golden.npz"), **arrays)

    # Ground-truth fixture: 5 sequences of length 60 with 1-2 motifs each; one sequence without motifs.
    n, length = 5, 60
    codes = random_codes(rng, n, length, n_rate=0.0)
    pwm = np.full((n, length, 4), 0.25)
    for s in range(n - 1):
        for _ in range(rng.integers(1, 3)):
            start = rng.integers(0, length - 8)
            rows = rng.dirichlet(np.full(4, 0.3), size=8)
            pwm[s, start:start + 8] = rows
            codes[s, start:start + 8] = rows.argmax(axis=1)
    pwm = pwm.astype(np.float32)
    maps = rng.normal(0, 0.3, size=(n, length, 4))
    maps += 1.5 * pwm * (information(pwm)[..., None] > 0.1)
    maps = maps.astype(np.float32)
    snr_mean, snr_each = snr(codes, maps, pwm)
    roc, pr, roc_each, pr_each = interpretability(codes, maps, pwm)
    np.savez(os.path.join(OUT, "groundtruth_golden.npz"), codes=codes, maps=maps, pwm=pwm,
             snr=np.array(snr_mean), snr_each=snr_each, auroc=np.array(roc), aupr=np.array(pr),
             auroc_each=roc_each, aupr_each=pr_each)

    # Knowledge fixture: 4 filters of width 7, motifs of length 4 (with a zero probability) and 5.
    filters = rng.normal(0, 0.3, size=(4, 7, 4)).astype(np.float32)
    m1 = rng.dirichlet(np.full(4, 0.5), size=4)
    m1[0] = [0.0, 0.7, 0.3, 0.0]
    m2 = rng.dirichlet(np.full(4, 0.5), size=5)
    k_rc, res_rc = knowledge(filters, [m1, m2], 0.1, True)
    k_fw, res_fw = knowledge(filters, [m1, m2], 0.1, False)
    k_t1, _ = knowledge(filters, [m1, m2], 1.0, True)
    np.savez(os.path.join(OUT, "knowledge_golden.npz"), filters=filters, motif1=m1, motif2=m2,
             k_rc=np.array(k_rc), k_forward=np.array(k_fw), k_t1=np.array(k_t1),
             match_rc=np.array([[b[1], b[2], 1 if b[3] == "+" else -1] for b in res_rc], dtype=np.int32),
             d_rc=np.array([b[0] for b in res_rc]),
             match_forward=np.array([[b[1], b[2], 1] for b in res_fw], dtype=np.int32),
             d_forward=np.array([b[0] for b in res_fw]))
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
