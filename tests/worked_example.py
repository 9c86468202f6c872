"""The numbers of /work/shared/docs/worked-example.md (12 decimals there), shared by tests."""

# --- docs/worked-example.md, "The network in the notes" -----------------------------------

START = {
    "i1": 0.05,
    "i2": 0.10,
    "w1": 0.15,
    "w2": 0.20,
    "b1": 0.35,
    "b2": 0.60,
    "target": 0.01,
    "eta": 0.2,
}

# Standard sigmoid, every parameter trained.
STANDARD = {
    "net": 0.9775,
    "out": 0.726611880149,
    "error": 0.256766293386,
    "dE_dout": 0.716611880149,
    "dout_dnet": 0.198647055775,
    "grad_w1": 0.007117642006,
    "grad_w2": 0.014235284013,
    "grad_b1": 0.142352840125,
    "grad_b2": 0.142352840125,
}
STANDARD_UPDATED = {
    "w1": 0.148576471599,
    "w2": 0.197152943197,
    "b1": 0.321529431975,
    "b2": 0.571529431975,
}

# The notes as printed: out = 1/(1+e^net) with its consistent derivative, only w1, w2 trained.
PRINTED = {
    "net": 0.9775,
    "out": 0.273388119851,
    "error": 0.034686650839,
    "dE_dout": 0.273388119851 - 0.01,
    "dout_dnet": -0.198647055775,
    "grad_w1": -0.002616063727,
    "grad_w2": -0.005232127453,
    "grad_b1": (0.273388119851 - 0.01) * -0.198647055775,
    "grad_b2": (0.273388119851 - 0.01) * -0.198647055775,
}
PRINTED_UPDATED = {
    "w1": 0.150523212745,
    "w2": 0.201046425491,
    "b1": 0.35,  # not trained
    "b2": 0.60,  # not trained
}

# --- "Gradient descent on the parabola" ---------------------------------------------------

PARABOLA_TABLE = [
    (0, 10.0, 20.0),
    (1, 6.0, 12.0),
    (2, 3.6, 7.2),
    (3, 2.16, 4.32),
    (4, 1.296, 2.592),
    (5, 0.7776, 1.5552),
    (6, 0.46656, 0.93312),
    (7, 0.279936, 0.559872),
    (8, 0.1679616, 0.3359232),
    (9, 0.10077696, 0.20155392),
    (10, 0.060466176, 0.120932352),
]
