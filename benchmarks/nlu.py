"""NLU quality per language, what it gets wrong, training time and model size.

k-fold cross-validation over the bilingual training data, stratified by intent within each
language: every fold trains one bilingual NLU model (config/config.yml) on the rest and
predicts its held-out part. The predictions of all folds are pooled and scored per
language:
- intent macro F1, over the intents of the data (a message the model is unsure of, and so
  answers with `nlu_fallback`, counts as missed for its own intent);
- entity F1 of the learnt entities, as (entity, role or value) per message (the rule-based
  country, duration and age are tested in tests/test_nlp_*);
- intent macro F1 had FallbackClassifier's threshold been 0, 0.3, 0.45 or 0.6 (from the
  classifiers' ranking, which the fallback leaves in place): what "unsure" costs;
- per intent and per (entity, role): precision, recall, F1 and support, and the most
  frequent confusions. `--examples` also prints the held-out training examples that were
  misread (this is a developer tool on training data).

`--heldout` scores the trained model (models/wegwijzer.tar.gz: `make model` first) on
benchmarks/heldout/, messages written apart from the training data and never trained on:
the check that cross-validation, whose held-out parts were written with the rest, cannot give.

    .venv/bin/python benchmarks/nlu.py [--folds 3] [--first N] [--config FILE] [--data DIR] [--examples]
    .venv/bin/python benchmarks/nlu.py --baseline [--folds 3]
    .venv/bin/python benchmarks/nlu.py --heldout [--examples]

`--first N` runs only the first N folds (a quicker look, on N/folds of the data).
`--baseline` scores, on the same folds, the linear intent model alone (`bot.nlp.linear`:
logistic regression on word and character n-grams and the lexicon) in under a minute: a
quick look at what a change of the data does, and a yardstick. Where DIET does no better
than it, what is left lies in the data (intents close to each other, off-topic messages).
Aims (issue 3): intent F1 >= 0.95 and entity F1 >= 0.90 in both languages.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "wegwijzer.tar.gz"
HELDOUT = ROOT / "benchmarks" / "heldout"   # a file per language
RULE_BASED = {"country", "duration", "age"}   # not annotated in the data; tested in tests/test_nlp_*
FALLBACK = "nlu_fallback"
THRESHOLDS = (0.0, 0.3, 0.45, 0.6)   # FallbackClassifier's, for the table of what it costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--first", type=int, help="run only the first N folds")
    parser.add_argument("--config", default=str(ROOT / "config" / "config.yml"))
    parser.add_argument("--data", default=str(ROOT / "data" / "nlu"),
                        help="a folder per language, and the lexicon's files beside them")
    parser.add_argument("--examples", action="store_true", help="print the misread examples")
    parser.add_argument("--heldout", action="store_true", help=f"score {MODEL.name} on {HELDOUT.name}/")
    parser.add_argument("--baseline", action="store_true", help="a linear intent classifier on the same folds")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    import structlog   # Rasa embedded without its CLI would print DEBUG lines with the texts
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))

    os.chdir(ROOT)   # the model's components are found and cached from the project folder
    if args.heldout:
        score_heldout(args.data, args.examples)
        return
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from sklearn.model_selection import StratifiedKFold

    languages = sorted(p.name for p in Path(args.data).iterdir() if p.is_dir())
    examples = {lang: load_data(str(Path(args.data) / lang)).intent_examples for lang in languages}
    # The lexicon beside the language folders (lookup tables of concept words, no examples)
    # is prior knowledge: every fold has all of it.
    lexicon = [table for path in sorted(Path(args.data).glob("*.yml")) for table in load_data(str(path)).lookup_tables]
    splits = {lang: list(StratifiedKFold(args.folds, shuffle=True, random_state=1).split(
        msgs, [m.get("intent") for m in msgs])) for lang, msgs in examples.items()}

    if args.baseline:
        score_baseline(examples, splits, args.folds, TrainingData(lookup_tables=lexicon))
        return
    results: dict[str, list[Result]] = defaultdict(list)
    train_seconds = []
    folds = min(args.first or args.folds, args.folds)
    for fold in range(folds):
        train = [examples[lang][i] for lang in languages for i in splits[lang][fold][0]]
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(scratch) / "nlu.yml"
            data.write_text(TrainingData(training_examples=train, lookup_tables=lexicon).nlu_as_yaml(), encoding="utf-8")
            start = time.perf_counter()
            train_nlu(args.config, str(data), scratch, fixed_model_name="fold")
            train_seconds.append(time.perf_counter() - start)
            from rasa.core.agent import Agent
            agent = Agent.load(str(Path(scratch) / "fold.tar.gz"))
            for lang in languages:
                held_out = [examples[lang][i] for i in splits[lang][fold][1]]
                results[lang] += asyncio.run(predict(agent, held_out))
        print(f"fold {fold + 1}/{args.folds}: NLU trained in {train_seconds[-1]:.0f} s", flush=True)

    print(f"\n{'language':10s}{'intent macro F1':>18s}{'entity F1':>12s}")
    for lang in languages:
        print(f"{lang:10s}{intent_table(results[lang])[0]:18.3f}{entity_table(results[lang])[0]:12.3f}")
    print("\nintent macro F1 had the fallback threshold been (shipped: config/config.yml)")
    print(f"{'language':10s}" + "".join(f"{t:8.2f}" for t in THRESHOLDS))
    for lang in languages:
        print(f"{lang:10s}" + "".join(f"{intent_table([r.at_threshold(t) for r in results[lang]])[0]:8.3f}"
                                      for t in THRESHOLDS))
    for lang in languages:
        report(lang, results[lang], args.examples)
    print(f"\nNLU training per fold: {sum(train_seconds) / len(train_seconds):.0f} s (mean of {folds})")
    if MODEL.exists():
        print(f"trained model (NLU and dialogue): {MODEL.stat().st_size / 1e6:.1f} MB")


def score_heldout(data: str, examples: bool) -> None:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlp.phrases import Normaliser
    plain = Normaliser()   # the phrases' normal form: case, accents and punctuation aside

    if not MODEL.exists():
        raise SystemExit(f"{MODEL} is missing: make model")
    agent = Agent.load(str(MODEL))
    trained = {plain.words(m.get("text")).text for m in load_data(data).intent_examples}
    results, also_trained = {}, {}
    for path in sorted(HELDOUT.glob("*.yml")):
        messages = load_data(str(path)).intent_examples
        unseen = [m for m in messages if plain.words(m.get("text")).text not in trained]
        also_trained[path.stem] = len(messages) - len(unseen)
        results[path.stem] = asyncio.run(predict(agent, unseen))
    print(f"\nheld-out set ({HELDOUT.relative_to(ROOT)}/), {MODEL.name}; messages that are also in the "
          "training data (the same words, case, accents and punctuation aside) are left out")
    print(f"{'language':10s}{'intent macro F1':>18s}{'entity F1':>12s}{'messages':>10s}{'left out':>10s}")
    for lang, found in results.items():
        print(f"{lang:10s}{intent_table(found)[0]:18.3f}{entity_table(found)[0]:12.3f}{len(found):10d}"
              f"{also_trained[lang]:10d}")
    for lang, found in results.items():
        report(lang, found, examples)


def score_baseline(examples: dict, splits: dict, folds: int, lexicon) -> None:
    from bot.nlp.linear import classifier, lexicon_patterns

    results: dict[str, list[Result]] = defaultdict(list)
    start = time.perf_counter()
    for fold in range(folds):
        train = [examples[lang][i] for lang in examples for i in splits[lang][fold][0]]
        model = classifier(lexicon_patterns(lexicon))
        model.fit([m.get("text") for m in train], [m.get("intent") for m in train])
        for lang in examples:
            held_out = [examples[lang][i] for i in splits[lang][fold][1]]
            results[lang] += [Result(m.get("text"), m.get("intent"), predicted, set(), set())
                              for m, predicted in zip(held_out, model.predict([m.get("text") for m in held_out]))]
    print(f"linear baseline (logistic regression on word 1-2 and character 2-5 n-grams and the lexicon), "
          f"{folds} folds, {time.perf_counter() - start:.0f} s")
    print(f"{'language':10s}{'intent macro F1':>18s}")
    for lang, found in results.items():
        print(f"{lang:10s}{intent_table(found)[0]:18.3f}")


class Result:
    """One held-out message: its gold and predicted intent and learnt entities."""

    def __init__(self, text: str, gold: str, predicted: str, gold_entities: set, found_entities: set,
                 ranking: list[tuple[str, float]] = ()):
        self.text, self.gold, self.predicted = text, gold, predicted
        self.gold_entities, self.found_entities = gold_entities, found_entities
        self.ranking = list(ranking)   # the classifiers' ranking without nlu_fallback

    def at_threshold(self, threshold: float, ambiguity: float = 0.1) -> Result:
        """The prediction had FallbackClassifier's threshold been `threshold` (and its
        ambiguity threshold `ambiguity`, Rasa's default)."""
        (top, confidence), *rest = self.ranking or [(self.predicted, 1.0)]
        unsure = confidence < threshold or (rest and confidence - rest[0][1] < ambiguity and confidence < 1.0)
        return Result(self.text, self.gold, FALLBACK if unsure else top, self.gold_entities, self.found_entities)


async def predict(agent, messages) -> list[Result]:
    from bot.dialogue import meaning

    results = []
    for message in messages:
        parsed = await agent.parse_message(message.get("text"))
        results.append(Result(
            message.get("text"), message.get("intent"), parsed["intent"]["name"],
            {meaning(e) for e in message.get("entities") or []},
            {meaning(e) for e in parsed["entities"] if e["entity"] not in RULE_BASED},
            [(r["name"], r["confidence"]) for r in parsed.get("intent_ranking") or [] if r["name"] != FALLBACK]))
    return results


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return precision, recall, 2 * tp / max(1, 2 * tp + fp + fn)


def intent_table(results: list[Result]) -> tuple[float, dict[str, tuple]]:
    """Macro F1 over the gold intents, and (precision, recall, F1, support) per intent."""
    rows = {}
    for intent in sorted({r.gold for r in results}):
        tp = sum(r.gold == intent == r.predicted for r in results)
        fp = sum(r.predicted == intent != r.gold for r in results)
        fn = sum(r.gold == intent != r.predicted for r in results)
        rows[intent] = (*f1(tp, fp, fn), tp + fn)
    return sum(row[2] for row in rows.values()) / max(1, len(rows)), rows


def entity_table(results: list[Result]) -> tuple[float, dict[tuple, tuple]]:
    """Micro F1 over all learnt (entity, role), and a row per (entity, role)."""
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for r in results:
        for key in r.gold_entities | r.found_entities:
            counts[key]["tp" if key in r.gold_entities & r.found_entities
                        else "fp" if key in r.found_entities else "fn"] += 1
    rows = {key: (*f1(c["tp"], c["fp"], c["fn"]), c["tp"] + c["fn"]) for key, c in sorted(counts.items(), key=str)}
    total = Counter()
    for c in counts.values():
        total.update(c)
    return f1(total["tp"], total["fp"], total["fn"])[2], rows


def report(lang: str, results: list[Result], examples: bool) -> None:
    macro, intents = intent_table(results)
    print(f"\n== {lang}: {len(results)} held-out messages, intent macro F1 {macro:.3f}")
    print(f"{'intent':24s}{'precision':>10s}{'recall':>8s}{'F1':>7s}{'n':>5s}")
    for intent, (p, r, f, n) in sorted(intents.items(), key=lambda item: item[1][2]):
        print(f"{intent:24s}{p:10.2f}{r:8.2f}{f:7.2f}{n:5d}")
    confusions = Counter((r.gold, r.predicted) for r in results if r.gold != r.predicted)
    print(f"\nmost frequent confusions ({sum(confusions.values())} misread):")
    for (gold, predicted), count in confusions.most_common(15):
        print(f"{count:4d}  {gold} -> {predicted}")
    micro, entities = entity_table(results)
    print(f"\n{'entity:role':24s}{'precision':>10s}{'recall':>8s}{'F1':>7s}{'n':>5s}   (micro F1 {micro:.3f})")
    for (entity, role), (p, r, f, n) in sorted(entities.items(), key=lambda item: item[1][2]):
        print(f"{f'{entity}:{role}':24s}{p:10.2f}{r:8.2f}{f:7.2f}{n:5d}")
    if examples:
        print("\nmisread examples:")
        for r in results:
            if r.gold != r.predicted or r.gold_entities != r.found_entities:
                missed = sorted(map(str, r.gold_entities - r.found_entities))
                extra = sorted(map(str, r.found_entities - r.gold_entities))
                print(f"  [{r.gold} -> {r.predicted}] {r.text}"
                      + (f"  missed {missed}" if missed else "") + (f"  extra {extra}" if extra else ""))


if __name__ == "__main__":
    main()
