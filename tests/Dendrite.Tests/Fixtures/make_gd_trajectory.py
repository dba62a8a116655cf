"""Reference trajectory of full-batch gradient descent on a small deep network, in the course's numpy style.

Run with Debian's numpy (float64 throughout):  /usr/bin/python3 tests/Dendrite.Tests/Fixtures/make_gd_trajectory.py
Writes gd_trajectory.npz next to this script, read by Training/NumpyTrajectoryTests.cs.

Network: layer dims [2, 5, 3, 1], LINEAR->RELU, LINEAR->RELU, LINEAR->SIGMOID.
Cost:    J = -(1/m) * sum(Y*log(AL) + (1-Y)*log(1-AL)).
Update:  W[l] -= alpha*dW[l], b[l] -= alpha*db[l], alpha = 0.5, 300 iterations.

Contents of the .npz (all float64):
  W1 (5,2) b1 (5,1) W2 (3,5) b2 (3,1) W3 (1,3) b3 (1,1)  initial parameters, the course's shapes (n_l, n_{l-1}), (n_l, 1)
  W1_final ... b3_final                                  parameters after the 300 updates
  X (200, 2), Y (200, 1)                                 examples as ROWS (Dendrite's layout: the transposes of the course's X, Y)
  costs (300,)                                           costs[i] = J before update i
"""
import os

import numpy as np

LAYER_DIMS = [2, 5, 3, 1]
LEARNING_RATE = 0.5
ITERATIONS = 300
M = 200


def make_data():
    """Two Gaussian features per example; label 1 when both have the same sign (an XOR-like, non-linear boundary)."""
    np.random.seed(1)
    X = np.random.randn(2, M)
    Y = (X[0:1, :] * X[1:2, :] > 0).astype(np.float64)
    return X, Y


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward(X, parameters, L):
    caches = []
    A = X
    for l in range(1, L + 1):
        A_prev = A
        Z = np.dot(parameters["W" + str(l)], A_prev) + parameters["b" + str(l)]
        A = 1 / (1 + np.exp(-Z)) if l == L else np.maximum(0, Z)
        caches.append((A_prev, Z))
    return A, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1.0 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return float(np.squeeze(cost))


def backward(AL, Y, caches, parameters, L):
    m = Y.shape[1]
    grads = {}
    dZ = AL - Y  # sigmoid output with cross-entropy
    for l in range(L, 0, -1):
        A_prev, _ = caches[l - 1]
        grads["dW" + str(l)] = (1.0 / m) * np.dot(dZ, A_prev.T)
        grads["db" + str(l)] = (1.0 / m) * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = np.dot(parameters["W" + str(l)].T, dZ)
            dZ = dA_prev * (caches[l - 2][1] > 0)  # ReLU backward
    return grads


def main():
    X, Y = make_data()
    L = len(LAYER_DIMS) - 1
    parameters = initialize_parameters_deep(LAYER_DIMS)
    initial = {k: v.copy() for k, v in parameters.items()}
    costs = []
    for _ in range(ITERATIONS):
        AL, caches = forward(X, parameters, L)
        costs.append(compute_cost(AL, Y))
        grads = backward(AL, Y, caches, parameters, L)
        for l in range(1, L + 1):
            parameters["W" + str(l)] -= LEARNING_RATE * grads["dW" + str(l)]
            parameters["b" + str(l)] -= LEARNING_RATE * grads["db" + str(l)]
    out = dict(initial)
    out.update({k + "_final": v for k, v in parameters.items()})
    out.update(X=X.T.copy(), Y=Y.T.copy(), costs=np.array(costs))
    np.savez(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gd_trajectory.npz"), **out)
    print("cost: %.6f -> %.6f, train accuracy %.3f" % (costs[0], costs[-1], np.mean((AL > 0.5) == Y)))


if __name__ == "__main__":
    main()
