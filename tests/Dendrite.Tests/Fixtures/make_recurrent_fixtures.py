"""Fixtures for tests/Dendrite.Tests/NN/RecurrentFixtureTests.cs: PyTorch's RNN, GRU and LSTM on fixed weights.

Run once with Debian's python3-torch and python3-numpy:  /usr/bin/python3 make_recurrent_fixtures.py
Each recurrent_<name>.npz holds the module's state dict under PyTorch's names, the input x, the loss weights w,
the outputs (output, h_n and for LSTM c_n), and the gradients of sum(output * w) + sum(h_n) (+ sum(c_n)) with
respect to x (grad_x) and every parameter (grad_<name>). Packed cases also hold lengths; their output is
pad_packed_sequence's (zeros past each length). Everything is float32.
"""
import numpy as np
import torch

torch.manual_seed(0)


def case(name, module, T, N, lengths=None, h0=False, c0=False):
    x = torch.randn(T, N, module.input_size, requires_grad=True)
    directions = 2 if module.bidirectional else 1
    states = {}
    if h0:
        states["h0"] = torch.randn(module.num_layers * directions, N, module.hidden_size)
    if c0:
        states["c0"] = torch.randn(module.num_layers * directions, N, module.hidden_size)
    initial = None
    if h0 and c0:
        initial = (states["h0"], states["c0"])
    elif h0:
        initial = states["h0"]
    inp = x
    if lengths is not None:
        inp = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
    out, state = module(inp, initial)
    if lengths is not None:
        out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, total_length=T)
    h_n, c_n = state if isinstance(state, tuple) else (state, None)
    w = torch.randn(out.shape)
    loss = (out * w).sum() + h_n.sum() + (c_n.sum() if c_n is not None else 0)
    loss.backward()
    arrays = {k: v.detach().numpy() for k, v in module.state_dict().items()}
    arrays.update({k: v.numpy() for k, v in states.items()})
    arrays.update(x=x.detach().numpy(), w=w.numpy(), output=out.detach().numpy(), h_n=h_n.detach().numpy(), grad_x=x.grad.numpy())
    if c_n is not None:
        arrays["c_n"] = c_n.detach().numpy()
    if lengths is not None:
        arrays["lengths"] = np.array(lengths, dtype=np.int32)
    for k, p in module.named_parameters():
        arrays["grad_" + k] = p.grad.numpy()
    np.savez(f"recurrent_{name}.npz", **{k: np.ascontiguousarray(v, dtype=np.int32 if k == "lengths" else np.float32) for k, v in arrays.items()})


case("rnn_tanh", torch.nn.RNN(3, 4), T=5, N=2, h0=True)
case("rnn_relu_2layers", torch.nn.RNN(3, 4, num_layers=2, nonlinearity="relu"), T=4, N=3)
case("gru_bidirectional", torch.nn.GRU(3, 4, bidirectional=True), T=5, N=2, h0=True)
case("lstm_2layers_bidirectional", torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True), T=6, N=3, h0=True, c0=True)
case("lstm_packed_bidirectional", torch.nn.LSTM(3, 4, bidirectional=True), T=6, N=3, lengths=[6, 2, 4])
case("gru_packed_2layers", torch.nn.GRU(2, 3, num_layers=2), T=5, N=3, lengths=[3, 5, 1])
