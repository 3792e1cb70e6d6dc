"""DIET's training batches made of messages of about the same length.

Rasa pads every message of a batch to the batch's longest, and DIET's transformer pays for
the padding: the messages are 6 words long on average and 23 at most, so a batch costs
about 2.7 times what its words need. Here the messages are sorted by length within windows
of a few batches before the batches are cut, and the batches then come in random order, so
each epoch still sees every message once, in Rasa's balanced mix of intents.
"""
import numpy as np
from rasa.shared.nlu.constants import TEXT
from rasa.utils.tensorflow.constants import SEQUENCE_LENGTH
from rasa.utils.tensorflow.model_data import Data, RasaModelData

# Windows of 4 batches leave about 1.5 times the words (16: 1.1) and keep more of the
# mix: with windows of 16 epochs took half the time, but Dutch intent F1 on the held-out
# set fell from 0.942 / 0.951 to 0.927 / 0.934 (two seeds each; README, "Measured").
BATCHES_PER_WINDOW = 4


class LengthBucketedData(RasaModelData):
    """Rasa's model data, balanced as Rasa does it, with batches of like lengths."""

    @classmethod
    def of(cls, model_data: RasaModelData) -> "LengthBucketedData":
        bucketed = cls(model_data.label_key, model_data.label_sub_key, model_data.data)
        bucketed.sparse_feature_sizes = model_data.sparse_feature_sizes
        return bucketed

    def balanced_data(self, data: Data, batch_size: int, shuffle: bool) -> Data:
        balanced = super().balanced_data(data, batch_size, shuffle)
        lengths = np.asarray(balanced[TEXT][SEQUENCE_LENGTH][0]).astype(int).ravel()
        if not shuffle or not lengths.size:
            return balanced
        return self._data_for_ids(balanced, batch_order(lengths, batch_size))


def batch_order(lengths: np.ndarray, batch_size: int) -> np.ndarray:
    """Every index of `lengths` once: sorted by length within each window of batches, the
    full batches shuffled, a last smaller batch kept last (Rasa cuts batches from the start)."""
    window = BATCHES_PER_WINDOW * batch_size
    order = np.concatenate([start + np.argsort(lengths[start:start + window], kind="stable")
                            for start in range(0, len(lengths), window)])
    full = len(order) // batch_size
    batches = order[:full * batch_size].reshape(full, batch_size)[np.random.permutation(full)]
    return np.concatenate([batches.ravel(), order[full * batch_size:]])
