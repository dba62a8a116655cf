"""Writes vgg19_torchvision.safetensors: torchvision 0.14's vgg19 state dict as names and shapes, with a few tensors.

Run with Debian's torch:  /usr/bin/python3 tests/Dendrite.Tests/Fixtures/make_vgg19_fixture.py
The full state dict (548 MB) is too large to commit, so the file holds every parameter's name and shape in its
__metadata__ ("vgg19": one "name d0xd1x..." line each, in state-dict order) and the actual values of a few tensors
(features.0.*, features.34.bias, classifier.6.bias, drawn from torch.manual_seed(0)), as a user's converted
pretrained checkpoint would hold them. VggStyleLayersTests loads it with Dendrite's checkpoint loader.
"""
import os

import numpy as np
import torch
import torchvision

from make_safetensors_fixture import save

HERE = os.path.dirname(os.path.abspath(__file__))
KEPT = ["features.0.weight", "features.0.bias", "features.34.bias", "classifier.6.bias"]

if __name__ == "__main__":
    state = torchvision.models.vgg19(weights=None).state_dict()
    listing = "\n".join(f"{name} {'x'.join(str(d) for d in t.shape)}" for name, t in state.items())
    torch.manual_seed(0)
    kept = {name: torch.randn(state[name].shape).numpy().astype("<f4") for name in KEPT}
    save(os.path.join(HERE, "vgg19_torchvision.safetensors"), kept, {"vgg19": listing, "torchvision": torchvision.__version__})
    print(listing.count("\n") + 1, "parameters;", sum(a.nbytes for a in kept.values()), "bytes of values")
