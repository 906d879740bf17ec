"""experiments/fashion-convnet.yaml in Keras 3 on TensorFlow CPU, the reference for its accuracy.

The same model (Conv2D 32 3x3 relu, BatchNormalization, MaxPooling 2, Conv2D 64 3x3 relu, BatchNormalization,
MaxPooling 2, Flatten, Dense 128 relu, Dropout 0.5, Dense 10 softmax), Adam with CosineDecay(0.001,
decay_steps=6330: 15 epochs of 422 steps), sparse categorical cross-entropy, batch 128, 15 epochs,
validation_split 0.1, on Debian's Fashion-MNIST. With --bn-before-relu the convolutions have no bias and
no activation, and relu follows batch normalization (Keras' usual order); with --no-hidden the Dense 128
layer is left out and with --constant-rate Adam keeps 0.001 throughout (both: the model as it was before
they were added). Prints one JSON line per seed. The venv is ../shared/peers/setup.sh's:
    /tmp/runner-peers/keras/bin/python scripts/keras-fashion-convnet.py [--seeds 42,43] [--bn-before-relu]
        [--no-hidden] [--constant-rate]
"""
import argparse
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import gzip

import numpy as np
import keras
from keras import layers

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--seeds", default="42")
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
p.add_argument("--bn-before-relu", action="store_true")
p.add_argument("--no-hidden", action="store_true")
p.add_argument("--constant-rate", action="store_true")
a = p.parse_args()


def idx(name, offset):
    with gzip.open(os.path.join(a.data, name)) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


x_train = idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28, 1).astype("float32") / 255
y_train = idx("train-labels-idx1-ubyte.gz", 8)
x_test = idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28, 1).astype("float32") / 255
y_test = idx("t10k-labels-idx1-ubyte.gz", 8)


def block(filters):
    if a.bn_before_relu:
        return [layers.Conv2D(filters, 3, use_bias=False), layers.BatchNormalization(), layers.Activation("relu"),
                layers.MaxPooling2D(2)]
    return [layers.Conv2D(filters, 3, activation="relu"), layers.BatchNormalization(), layers.MaxPooling2D(2)]


for seed in (int(s) for s in a.seeds.split(",")):
    keras.utils.set_random_seed(seed)
    hidden = [] if a.no_hidden else [layers.Dense(128, activation="relu")]
    model = keras.Sequential([keras.Input(shape=(28, 28, 1)), *block(32), *block(64), layers.Flatten(), *hidden,
                              layers.Dropout(0.5), layers.Dense(10, activation="softmax")])
    rate = 0.001 if a.constant_rate else keras.optimizers.schedules.CosineDecay(0.001, decay_steps=6330)
    model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.Adam(rate), metrics=["accuracy"])
    h = model.fit(x_train, y_train, batch_size=128, epochs=15, validation_split=0.1, verbose=0)
    test_loss, test_acc = model.evaluate(x_test, y_test, verbose=0)
    print(json.dumps(dict(seed=seed, bn_before_relu=a.bn_before_relu, hidden=not a.no_hidden,
                          cosine_decay=not a.constant_rate, train_acc=round(h.history["accuracy"][-1], 4),
                          val_acc=round(h.history["val_accuracy"][-1], 4), test_acc=round(test_acc, 4))), flush=True)
