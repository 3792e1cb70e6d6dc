"""DIET's batches of like lengths (bot/nlp/batching.py): every message once an epoch, each
with its own label, and far less padding than Rasa's own order."""
import numpy as np
import pytest
from rasa.nlu.classifiers.diet_classifier import LABEL_KEY, LABEL_SUB_KEY
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import SEQUENCE_LENGTH
from rasa.utils.tensorflow.model_data import FeatureArray, RasaModelData

from bot.nlp.batching import BATCHES_PER_WINDOW, LengthBucketedData, batch_order


def padded_words(lengths: np.ndarray, order: np.ndarray, batch_size: int) -> int:
    """What the transformer pays for: each batch is padded to its longest message."""
    ordered = lengths[order]
    return sum(ordered[i:i + batch_size].max() * len(ordered[i:i + batch_size])
               for i in range(0, len(ordered), batch_size))


@pytest.mark.parametrize("count, batch_size", [(5913, 64), (1000, 256), (70, 64), (64, 64), (3, 64)])
def test_every_message_comes_once_and_the_short_last_batch_stays_last(count, batch_size):
    np.random.seed(0)
    lengths = np.random.randint(1, 24, size=count)
    order = batch_order(lengths, batch_size)
    assert sorted(order.tolist()) == list(range(count))
    rest = count % batch_size
    if rest:  # Rasa cuts batches from the start: the short one must come from the last window
        window = BATCHES_PER_WINDOW * batch_size
        last_window_start = count - (count % window or window)
        assert set(order[-rest:]) <= set(range(last_window_start, count))


def test_batches_need_far_less_padding_than_in_rasas_order():
    np.random.seed(1)
    # Lengths as in the training data: mostly about 6 words, a few up to 23.
    lengths = np.clip(np.random.lognormal(1.7, 0.45, size=5913).astype(int), 1, 23)
    batch_size = 64
    rasas = padded_words(lengths, np.arange(len(lengths)), batch_size)
    ours = padded_words(lengths, batch_order(lengths, batch_size), batch_size)
    assert ours < 0.65 * rasas


def test_the_order_changes_from_epoch_to_epoch():
    np.random.seed(2)
    lengths = np.random.randint(1, 24, size=2000)
    assert not np.array_equal(batch_order(lengths, 64), batch_order(lengths, 64))


def model_data(lengths: list[int], labels: list[int]) -> RasaModelData:
    """Model data as DIET builds it: message lengths and intent ids, one row per message."""
    as_column = lambda values: FeatureArray(np.array(values).reshape(-1, 1), number_of_dimensions=2)
    data = RasaModelData(label_key=LABEL_KEY, label_sub_key=LABEL_SUB_KEY)
    data.add_features(TEXT, SEQUENCE_LENGTH, [as_column(lengths)])
    data.add_features(LABEL_KEY, LABEL_SUB_KEY, [as_column(labels)])
    data.sparse_feature_sizes = {TEXT: {"sequence": [10]}}
    return data


def test_the_balanced_data_keeps_each_message_with_its_label():
    np.random.seed(3)
    # The length tells the label here, so a message parted from its label shows.
    labels = np.random.randint(0, 5, size=600)
    lengths = labels * 4 + 1
    bucketed = LengthBucketedData.of(model_data(lengths.tolist(), labels.tolist()))
    assert bucketed.sparse_feature_sizes == {TEXT: {"sequence": [10]}}
    balanced = bucketed.balanced_data(bucketed.data, batch_size=64, shuffle=True)
    out_lengths = np.asarray(balanced[TEXT][SEQUENCE_LENGTH][0]).ravel()
    out_labels = np.asarray(balanced[LABEL_KEY][LABEL_SUB_KEY][0]).ravel()
    assert len(out_lengths) >= 600
    assert (out_lengths == out_labels * 4 + 1).all()
    assert set(out_labels) == set(range(5))


def test_diet_trains_on_batches_of_like_lengths(tmp_path, monkeypatch):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    from bot.nlp.component import TypedTextDIET

    storage, context = LocalModelStorage(tmp_path), ExecutionContext(GraphSchema({}), "test")
    texts = {"greet": ["hi", "hello there", "good morning to you all"],
             "goodbye": ["bye", "see you later", "goodbye and thank you very much"]}
    training = TrainingData([Message(data={TEXT: text, INTENT: intent})
                             for intent, examples in texts.items() for text in examples * 4])
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(training)
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("words"), context)
    featurizer.train(training)
    featurizer.process_training_data(training)

    orders = []
    monkeypatch.setattr("bot.nlp.batching.batch_order",
                        lambda lengths, size: orders.append(size) or batch_order(lengths, size))
    diet = TypedTextDIET.create({**TypedTextDIET.get_default_config(), "epochs": 2, "constrain_similarities": True,
                                 "entity_recognition": False}, storage, Resource("diet"), context)
    diet.train(training)
    assert len(orders) >= 2  # an order of like lengths for every epoch
    assert diet.model is not None
