"""Fixtures for tests/Dendrite.Tests/NN/AttentionFixtureTests.cs: PyTorch's MultiheadAttention and Transformer layers.

Run once with Debian's python3-torch and python3-numpy:  /usr/bin/python3 make_attention_fixtures.py
Each attention_<name>.npz holds the module's state dict under PyTorch's names, the inputs, the masks (float, −inf
where hidden; padding masks as 0/1), the loss weights, the outputs, and the gradients of the loss with respect to the
inputs (grad_<input>) and every parameter (grad_<name>). Dropout is 0; everything is float32.
"""
import numpy as np
import torch
from torch import nn

torch.manual_seed(1)
L, S, N, E = 4, 5, 3, 8
padding = torch.tensor([[0, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 1, 1, 1]], dtype=torch.bool)
causal = torch.triu(torch.full((L, L), float("-inf")), diagonal=1)
cross = torch.triu(torch.full((L, S), float("-inf")), diagonal=2)


def save(name, module, inputs, outputs, extra):
    arrays = {k: v.detach().numpy() for k, v in module.state_dict().items()}
    arrays.update({k: v.detach().numpy() for k, v in inputs.items()})
    arrays.update({k: v.detach().numpy() for k, v in outputs.items()})
    arrays.update({k: (v.float() if v.dtype == torch.bool else v).numpy() for k, v in extra.items()})
    for k, v in inputs.items():
        arrays["grad_" + k] = v.grad.numpy()
    for k, p in module.named_parameters():
        arrays["grad_" + k] = p.grad.numpy()
    np.savez(f"attention_{name}.npz", **{k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()})


def inputs(**shapes):
    return {k: torch.randn(*s, requires_grad=True) for k, s in shapes.items()}


mha = nn.MultiheadAttention(E, 2)
x = inputs(query=(L, N, E), key=(S, N, E), value=(S, N, E))
out, weights = mha(x["query"], x["key"], x["value"], key_padding_mask=padding, attn_mask=cross)
w, w2 = torch.randn(out.shape), torch.randn(weights.shape)
((out * w).sum() + (weights * w2).sum()).backward()
save("mha", mha, x, {"output": out, "weights": weights}, {"w": w, "w2": w2, "key_padding_mask": padding, "attn_mask": cross})

for norm_first in (False, True):
    enc = nn.TransformerEncoderLayer(E, 2, dim_feedforward=16, dropout=0.0, norm_first=norm_first)
    x = inputs(src=(S, N, E))
    out = enc(x["src"], src_key_padding_mask=padding)
    w = torch.randn(out.shape)
    (out * w).sum().backward()
    save("encoder" + ("_norm_first" if norm_first else ""), enc, x, {"output": out}, {"w": w, "key_padding_mask": padding})

dec = nn.TransformerDecoderLayer(E, 2, dim_feedforward=16, dropout=0.0)
x = inputs(tgt=(L, N, E), memory=(S, N, E))
out = dec(x["tgt"], x["memory"], tgt_mask=causal, memory_key_padding_mask=padding)
w = torch.randn(out.shape)
(out * w).sum().backward()
save("decoder", dec, x, {"output": out}, {"w": w, "key_padding_mask": padding, "tgt_mask": causal})
