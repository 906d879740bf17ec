"""Golden values for OptimizerTests: Keras 3's update rules (keras/src/optimizers/*.py), written out in
plain float64 Python, three steps on the same weights and gradients. Run: python3 optimizers.py"""
import math

W0 = [1.0, -2.0, 0.5, 0.0, 3.0]
GRADS = [
    [0.1, -0.2, 0.3, 0.0, -1.5],
    [-0.05, 0.4, 0.3, 0.25, 0.5],
    [0.2, 0.1, -0.6, -0.25, 0.01],
]
# A large first gradient, then small ones: v shrinks, so AMSGrad's running maximum changes the steps.
# They start from zero weights, where Float resolves the small differences AMSGrad makes.
ZEROS = [0.0] * 5
SHRINKING = [
    [2.0, -1.0, 0.5, 1.0, -3.0],
    [0.01, 0.02, -0.01, 0.0, 0.05],
    [0.01, -0.02, 0.01, 0.03, 0.05],
]


def sgd(lr=0.01, momentum=0.0, nesterov=False):
    w, m = list(W0), [0.0] * len(W0)
    for g in GRADS:
        for i, gi in enumerate(g):
            if momentum != 0:
                m[i] = momentum * m[i] - lr * gi
                w[i] += momentum * m[i] - lr * gi if nesterov else m[i]
            else:
                w[i] -= lr * gi
    return w


def rmsprop(lr=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False):
    w, v, mom, mg = list(W0), [0.0] * len(W0), [0.0] * len(W0), [0.0] * len(W0)
    for g in GRADS:
        for i, gi in enumerate(g):
            v[i] = rho * v[i] + (1 - rho) * gi * gi
            if centered:
                mg[i] = rho * mg[i] + (1 - rho) * gi
                denominator = v[i] - mg[i] ** 2 + epsilon
            else:
                denominator = v[i] + epsilon
            increment = lr * gi / math.sqrt(denominator)
            if momentum > 0:
                mom[i] = momentum * mom[i] + increment
                w[i] -= mom[i]
            else:
                w[i] -= increment
    return w


def adam(lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False, weight_decay=None, grads=GRADS, w0=W0):
    w, m, v, vhat = list(w0), [0.0] * len(W0), [0.0] * len(W0), [0.0] * len(W0)
    for t, g in enumerate(grads, start=1):
        if weight_decay is not None:  # AdamW: base_optimizer._apply_weight_decay, before the update
            w = [wi - wi * weight_decay * lr for wi in w]
        alpha = lr * math.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
        for i, gi in enumerate(g):
            m[i] += (gi - m[i]) * (1 - beta_1)
            v[i] += (gi * gi - v[i]) * (1 - beta_2)
            vi = v[i]
            if amsgrad:
                vhat[i] = max(vhat[i], v[i])
                vi = vhat[i]
            w[i] -= m[i] * alpha / (math.sqrt(vi) + epsilon)
    return w


def adagrad(lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    w, acc = list(W0), [initial_accumulator_value] * len(W0)
    for g in GRADS:
        for i, gi in enumerate(g):
            acc[i] += gi * gi
            w[i] -= lr * gi / math.sqrt(acc[i] + epsilon)
    return w


CASES = {
    "sgd": sgd(),
    "sgd_momentum": sgd(momentum=0.9),
    "sgd_nesterov": sgd(momentum=0.9, nesterov=True),
    "rmsprop": rmsprop(),
    "rmsprop_momentum": rmsprop(momentum=0.5),
    "rmsprop_centered": rmsprop(centered=True),
    "rmsprop_centered_momentum": rmsprop(centered=True, momentum=0.5),
    "adam": adam(),
    "adam_shrinking": adam(grads=SHRINKING, w0=ZEROS),
    "adam_amsgrad_shrinking": adam(amsgrad=True, grads=SHRINKING, w0=ZEROS),
    "adamw": adam(weight_decay=0.004),
    "adamw_amsgrad_shrinking": adam(weight_decay=0.004, amsgrad=True, grads=SHRINKING, w0=ZEROS),
    "adagrad": adagrad(),
}

for name, w in CASES.items():
    print(f"{name}: [{', '.join(repr(x) for x in w)}]")
