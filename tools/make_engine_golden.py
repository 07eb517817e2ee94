#!/usr/bin/python3
"""Writes the PyTorch golden fixtures for the Motiflens engine (tests/TestData/engine/).

Each case is a small model spec (the JSON format of docs/model-spec.md). This script builds the same
network in PyTorch straight from the spec, so module `layers.{i}` is spec layer i and PyTorch's state-dict
keys are exactly Motiflens's weights.npz keys. It runs a forward/backward pass and three Adam steps and
saves every number; the C# golden test (tests/Motiflens.Engine.Tests/Training/GoldenPyTorchTests.cs)
rebuilds the model from the spec and must reproduce them.

Run with Debian's interpreter (python3-torch, python3-numpy):
    /usr/bin/python3 tools/make_engine_golden.py [--out tests/TestData/engine]

Per case NAME: NAME_spec.json and NAME.npz with (float32 unless noted; weights in PyTorch shapes)
    x                 (N, L, 4) one-hot input, channels-last as Motiflens holds it
    codes             (N, L) uint8 base codes of x (A=0, C=1, G=2, T=3)
    y                 (N, T) 0/1 targets
    init.<key>        initial state, e.g. init.layers.0.weight (out, in, k)
    logits            (N, T) train-mode outputs before the sigmoid link (first step)
    logits_eval       (N, T) eval-mode outputs (running statistics) with the initial weights
    loss              () mean binary cross-entropy from logits of the first step
    grad.<key>        d loss / d parameter at the initial weights (trainable parameters only)
    input_grad        (N, L, 4) d loss / d x
    adam3.<key>       state after three Adam steps (lr 0.01, PyTorch defaults) on the same batch in train
                      mode, running statistics included
    adam3_losses      (3,) the loss before each of the three steps
"""
import argparse
import json
import os

import numpy as np
import torch
import torch.nn as nn

N = 4
LR = 0.01

CASES = {
    # conv(+bias, fused relu) + batchnorm + relu + maxpool + flatten + dense. The fused relu matters: with a
    # batchnorm straight after a biased convolution the bias gradient is exactly zero and Adam would turn float
    # noise in it into +-lr steps that no two libraries reproduce.
    "golden": {
        "input": {"length": 16, "alphabet": "ACGT"},
        "layers": [
            {"type": "conv1d", "filters": 3, "kernel_size": 5, "padding": "valid", "activation": "relu"},
            {"type": "batchnorm"},
            {"type": "relu"},
            {"type": "maxpool1d", "pool_size": 2},
            {"type": "flatten"},
            {"type": "dense", "units": 2, "activation": "sigmoid"},
        ],
        "loss": "bce",
    },
    # 'same' padding with an even, dilated kernel (asymmetric padding), a residual block with batchnorm,
    # average pooling, a strided tanh convolution and a separable fully connected output. The block's
    # convolution has no bias (batchnorm follows it; see above).
    "golden_residual": {
        "input": {"length": 16, "alphabet": "ACGT"},
        "layers": [
            {"type": "conv1d", "filters": 4, "kernel_size": 4, "dilation": 2, "padding": "same", "activation": "relu"},
            {"type": "residual", "layers": [
                {"type": "conv1d", "filters": 4, "kernel_size": 3, "padding": "same", "use_bias": False},
                {"type": "batchnorm"},
                {"type": "relu"}]},
            {"type": "avgpool1d", "pool_size": 2},
            {"type": "conv1d", "filters": 3, "kernel_size": 3, "stride": 2, "activation": "tanh"},
            {"type": "sfc", "units": 2, "activation": "sigmoid"},
        ],
        "loss": "bce",
    },
}

ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "exponential": torch.exp,
    "softplus": nn.functional.softplus,
}


class Conv(nn.Conv1d):
    """nn.Conv1d with the spec's fused activation (parameters stay named weight and bias)."""

    def __init__(self, cin, spec, link):
        padding = spec.get("padding", "valid")
        super().__init__(cin, spec["filters"], spec["kernel_size"], stride=spec.get("stride", 1),
                         dilation=spec.get("dilation", 1), padding=padding, bias=spec.get("use_bias", True))
        self.act = ACTIVATIONS["linear" if link else spec.get("activation", "linear")]

    def forward(self, x):
        return self.act(super().forward(x))


class Dense(nn.Linear):
    def __init__(self, fin, spec, link):
        super().__init__(fin, spec["units"], bias=spec.get("use_bias", True))
        self.act = ACTIVATIONS["linear" if link else spec.get("activation", "linear")]

    def forward(self, x):
        return self.act(super().forward(x))


class Sfc(nn.Module):
    """Separable fully connected: y[n, o] = sum_{c, l} x[n, c, l] * weight_pos[o, l] * weight_ch[o, c] + bias[o]."""

    def __init__(self, channels, length, spec, link):
        super().__init__()
        units = spec["units"]
        self.weight_pos = nn.Parameter(torch.empty(units, length).uniform_(-length ** -0.5, length ** -0.5))
        self.weight_ch = nn.Parameter(torch.empty(units, channels).uniform_(-channels ** -0.5, channels ** -0.5))
        self.bias = nn.Parameter(torch.empty(units).uniform_(-0.1, 0.1))
        self.act = ACTIVATIONS["linear" if link else spec.get("activation", "linear")]

    def forward(self, x):
        return self.act(torch.einsum("ncl,ol,oc->no", x, self.weight_pos, self.weight_ch) + self.bias)


class Activation(nn.Module):
    def __init__(self, name):
        super().__init__()
        self.act = ACTIVATIONS[name]

    def forward(self, x):
        return self.act(x)


class Residual(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        h = x
        for layer in self.layers:
            h = layer(h)
        return x + h


class SpecModel(nn.Module):
    """The spec's network without its output link; self.layers[i] is spec layer i."""

    def __init__(self, spec):
        super().__init__()
        shape = (len(spec["input"]["alphabet"]), spec["input"]["length"])
        layers, _ = build_layers(spec["layers"], shape, top=True)
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        h = x.transpose(1, 2)  # (N, L, 4) channels-last -> (N, 4, L)
        for layer in self.layers:
            h = layer(h)
        return h


def build_layers(specs, shape, top=False):
    modules = []
    for i, s in enumerate(specs):
        link = top and i == len(specs) - 1
        t = s["type"]
        if t == "conv1d":
            m = Conv(shape[0], s, link)
        elif t == "batchnorm":
            m = nn.BatchNorm1d(shape[0], eps=s.get("eps", 1e-5), momentum=s.get("momentum", 0.1))
        elif t == "maxpool1d":
            m = nn.MaxPool1d(s["pool_size"], s.get("stride", s["pool_size"]))
        elif t == "avgpool1d":
            m = nn.AvgPool1d(s["pool_size"], s.get("stride", s["pool_size"]))
        elif t == "flatten":
            m = nn.Flatten()
        elif t == "dense":
            m = Dense(shape[0], s, link)
        elif t == "sfc":
            m = Sfc(shape[0], shape[1], s, link)
        elif t == "residual":
            inner, _ = build_layers(s["layers"], shape)
            m = Residual(inner)
        elif t in ACTIVATIONS:
            m = Activation("linear" if link else t)
        else:
            raise ValueError(f"unsupported layer type {t}")
        modules.append(m)
        shape = out_shape(m, shape)
    return modules, shape


def out_shape(m, shape):
    with torch.no_grad():
        was = m.training
        m.eval()
        y = m(torch.zeros(1, *shape)) if len(shape) == 2 else m(torch.zeros(1, shape[0]))
        m.train(was)
    return tuple(y.shape[1:])


def numpy_state(named):
    return {k: v.detach().numpy().astype(np.float32).copy() for k, v in named if not k.endswith("num_batches_tracked")}


def make_case(name, spec, out_dir, seed):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed + 1)
    net = SpecModel(spec)
    with torch.no_grad():
        # Non-trivial batchnorm affine parameters and running statistics, so every term is exercised.
        for m in net.modules():
            if isinstance(m, nn.BatchNorm1d):
                c = m.num_features
                m.weight.copy_(torch.rand(c, generator=gen) + 0.5)
                m.bias.copy_(torch.rand(c, generator=gen) - 0.5)
                m.running_mean.copy_(torch.rand(c, generator=gen) - 0.5)
                m.running_var.copy_(torch.rand(c, generator=gen) + 0.5)

    length = spec["input"]["length"]
    codes = torch.randint(0, 4, (N, length), generator=gen)
    x = nn.functional.one_hot(codes, 4).to(torch.float32)
    outputs = net(x).shape[1]
    y = torch.randint(0, 2, (N, outputs), generator=gen).to(torch.float32)
    loss_fn = nn.BCEWithLogitsLoss()

    init = numpy_state(net.state_dict().items())
    net.eval()
    with torch.no_grad():
        logits_eval = net(x).numpy().copy()

    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    losses, first = [], {}
    for step in range(3):
        opt.zero_grad(set_to_none=True)
        xg = x.clone().requires_grad_(True)
        logits = net(xg)
        loss = loss_fn(logits, y)
        loss.backward()
        losses.append(loss.item())
        if step == 0:
            first["logits"] = logits.detach().numpy().copy()
            first["loss"] = np.array(loss.item(), dtype=np.float32)
            first["grads"] = numpy_state((k, p.grad) for k, p in net.named_parameters())
            first["input_grad"] = xg.grad.numpy().copy()
        opt.step()

    arrays = {
        "x": x.numpy().astype(np.float32),
        "codes": codes.numpy().astype(np.uint8),
        "y": y.numpy(),
        "logits": first["logits"].astype(np.float32),
        "logits_eval": logits_eval.astype(np.float32),
        "loss": first["loss"],
        "input_grad": first["input_grad"].astype(np.float32),
        "adam3_losses": np.array(losses, dtype=np.float32),
    }
    arrays.update({"init." + k: v for k, v in init.items()})
    arrays.update({"grad." + k: v for k, v in first["grads"].items()})
    arrays.update({"adam3." + k: v for k, v in numpy_state(net.state_dict().items()).items()})

    np.savez(os.path.join(out_dir, name + ".npz"), **arrays)
    with open(os.path.join(out_dir, name + "_spec.json"), "w") as f:
        json.dump(spec, f, indent=1)
        f.write("\n")
    print(f"{name}: {len(arrays)} arrays, losses {losses}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "tests", "TestData", "engine"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for i, (name, spec) in enumerate(CASES.items()):
        make_case(name, spec, args.out, seed=20241121 + i)
    print(f"wrote {os.path.abspath(args.out)} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
