"""Merges (reviewable, thesaurus-driven), the eval command on small gold files, typing."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from conftest import EXAMPLES

from conceptgraph.cli import cli
from concepts.evaluate import f1_at_k, read_inspec, read_scierc, stem_phrase, typed_scores
from concepts.merge import (
    MERGE_KINDS,
    Merge,
    fragment_merges,
    generic_head_merges,
    joined_merges,
    named_merges,
    near_duplicate_merges,
    read_thesaurus,
    resolve,
    slash_coordinated,
    synonym_merges,
    synonym_targets,
    variant_merges,
)
from concepts.normalize import concept_key
from concepts.typing_rules import about_neural_nets, rules, synonym_groups
from graph.pipeline import _drop_generic, _without, known_as


def test_joined_and_guarded_near_duplicates():
    freq = {
        "pre trained model": 3,
        "pretrained model": 5,
        "resnet 50": 2,
        "resnet 101": 2,
        "cnn model": 2,
        "rnn model": 1,
        "recurrent neural network": 3,
        "recurrent network": 1,
        "task specific representation": 2,
        "task shared representation": 1,
        "full fine tuning": 3,
        "fine tuning": 1,
    }
    assert joined_merges(freq) == [
        Merge(
            "pre trained model",
            "pretrained model",
            "joined",
            "'pre trained model' and 'pretrained model' differ only by spaces",
        )
    ]
    same = [1.0, 0.0]
    vectors = {k: same for k in freq}  # identical vectors: only the guards can keep them apart
    merged = {(m.source, m.target) for m in near_duplicate_merges(freq, vectors, acronyms={"cnn", "rnn"})}
    assert ("resnet 101", "resnet 50") not in merged and ("resnet 50", "resnet 101") not in merged
    assert ("rnn model", "cnn model") not in merged
    assert ("task shared representation", "task specific representation") not in merged
    assert ("recurrent network", "recurrent neural network") in merged  # one phrase holds the other's words
    # a key with leading modifiers is a kind of the shorter one: it merges up, however frequent
    assert ("full fine tuning", "fine tuning") in merged and ("fine tuning", "full fine tuning") not in merged
    # "cellular networks" in telecommunication papers are no "cellular neural networks"
    texts = {
        "recurrent network": ["the learning ability of simple recurrent nets"],
        "cellular network": ["handover in cellular phone networks", "base stations of cellular networks"],
    }
    both = dict(freq, **{"cellular network": 2, "cellular neural network": 1})
    assert [(m.source, m.target) for m in variant_merges(both, texts.__getitem__)] == [
        ("recurrent network", "recurrent neural network")
    ]
    assert variant_merges(freq) == [
        Merge(
            "recurrent network",
            "recurrent neural network",
            "variant",
            "'recurrent network' is 'recurrent neural network' without 'neural'",
        )
    ]
    # "X net" is "X network" too, where the texts are about neural networks: Petri nets are not
    nets = {"deep residual net": 1, "deep residual network": 2, "petri net": 3, "petri network": 1}
    texts = {"deep residual net": ["we train deep residual nets"], "petri net": ["a Petri net models the plant"]}
    assert variant_merges(nets, texts.__getitem__) == [
        Merge(
            "deep residual net",
            "deep residual network",
            "variant",
            "'deep residual net' is 'deep residual network' shortened",
        )
    ]


def test_near_duplicates_keep_variants_negations_and_coordinations_apart():
    """Pairs the sample corpus and Inspec merged by embedding (cosine 0.93-0.96) though they differ."""
    pairs = [
        ("faster r cnn", "fast r cnn"),  # a comparative: two detectors
        ("imagenet r benchmark", "imagenet benchmark"),  # a one-letter variant name
        ("million image text pair", "billion image text pair"),  # number words
        ("non residual inception network", "residual inception network"),  # a negation
        ("language specific model", "language model"),  # an inserted restrictive word
        ("zero few shot learning", "zero shot learning"),  # written "zero/few-shot learning"
    ]
    kept = [
        ("full fine tuning", "fine tuning"),
        ("task specific fine tuning", "fine tuning"),
        ("photo editing", "photography editing"),
        ("self supervised visual representation learning", "self supervised representation learning"),
    ]
    freq = {k: 1 for pair in pairs + kept for k in pair}
    freq["self supervised visual representation learning"] = 3  # more frequent, still the kind
    vectors = {k: [1.0, 0.0] for k in freq}
    assert slash_coordinated("zero/few-shot learning") and slash_coordinated("TCP/IP stack")
    assert not slash_coordinated("1/2 precision") and not slash_coordinated("zero-shot learning")
    merged = {
        (m.source, m.target) for m in near_duplicate_merges(freq, vectors, coordinated={"zero few shot learning"})
    }
    assert merged == {
        ("full fine tuning", "fine tuning"),
        ("task specific fine tuning", "fine tuning"),
        ("photography editing", "photo editing"),
        # an inserted word makes a kind too: the general concept does not merge into the specific one
        ("self supervised visual representation learning", "self supervised representation learning"),
    }


def test_fragment_merges_into_the_name_it_was_cut_from():
    texts = {
        "a": "We are developing HPF/SX V2, a High Performance Fortran (HPF) compiler for vector machines.",
        "b": "High-Performance Fortran (HPF) extensions; a High Performance Fortran program runs.",
        "c": "Deep reinforcement learning extends reinforcement learning with deep networks.",
        "d": "We show that adding gradient noise helps.",
    }
    freq = {
        "performance fortran": 2,
        "high performance fortran": 2,
        "reinforcement learning": 1,
        "deep reinforcement learning": 1,
        "gradient noise": 1,
        "adding gradient noise": 1,
    }
    surfaces = [
        ("a", "performance fortran", "Performance Fortran"),  # "High" trimmed as filler
        ("b", "performance fortran", "Performance Fortran"),
        ("b", "high performance fortran", "High-Performance Fortran"),
        ("c", "reinforcement learning", "reinforcement learning"),
        ("c", "deep reinforcement learning", "Deep reinforcement learning"),
        ("d", "gradient noise", "gradient noise"),
    ]
    assert fragment_merges(freq, texts, surfaces) == [
        Merge(
            "performance fortran",
            "high performance fortran",
            "fragment",
            "written only as part of 'high performance fortran' (2 papers)",
        )
    ]  # "reinforcement learning" is also written alone; "adding" is a verb there


def test_a_generic_head_goes_only_after_a_concept_that_names_a_kind_of_thing():
    freq = dict.fromkeys(
        [
            "transfer learning", "transfer learning method", "vision transformer", "vision transformer model",
            "catastrophic forgetting", "catastrophic forgetting problem", "contextual rl", "contextual rl problem",
            "imagenet", "imagenet benchmark task", "few shot", "few shot task", "natural language",
            "natural language task", "finite element", "finite element method", "image model",
        ],
        1,
    )  # fmt: skip
    assert [(m.source, m.target) for m in generic_head_merges(freq)] == [
        ("catastrophic forgetting problem", "catastrophic forgetting"),  # a process noun
        ("contextual rl problem", "contextual rl"),  # an acronym
        ("transfer learning method", "transfer learning"),  # a known name
        ("vision transformer model", "vision transformer"),  # a head our types know
    ]  # modifiers stay whole ("few shot", "natural language", "finite element"); "imagenet benchmark" is no
    # concept here, and "image model" has only two words
    assert generic_head_merges(freq)[0].evidence == "'catastrophic forgetting' + generic head 'problem'"
    # without a concept to go to, heads that say the same join their most frequent form
    freq = {"regularization approach": 2, "regularization technique": 1, "regularization task": 1}
    freq |= {"few shot task": 1, "few shot problem": 3, "mixed strategy": 1, "mixed method": 1}
    assert generic_head_merges(freq) == [
        Merge(
            "few shot task",
            "few shot problem",
            "generic-head",
            "'few shot task' and 'few shot problem' differ only by a generic head",
        ),
        Merge(
            "regularization technique",
            "regularization approach",
            "generic-head",
            "'regularization technique' and 'regularization approach' differ only by a generic head",
        ),
    ]  # a method is no task, nor a strategy in a game a method


def test_a_framing_head_goes_after_a_concept_like_a_generic_one():
    freq = dict.fromkeys(
        [
            "catastrophic forgetting", "catastrophic forgetting phenomenon", "few shot learning",
            "few shot learning setting", "knowledge distillation", "knowledge distillation study",
            "zero shot", "zero shot setting", "neural radiance", "neural radiance field",
        ],
        1,
    )  # fmt: skip
    assert [(m.source, m.target, m.evidence) for m in generic_head_merges(freq)] == [
        (
            "catastrophic forgetting phenomenon",
            "catastrophic forgetting",
            "'catastrophic forgetting' + generic head 'phenomenon'",
        ),
        ("few shot learning setting", "few shot learning", "'few shot learning' + generic head 'setting'"),
        ("knowledge distillation study", "knowledge distillation", "'knowledge distillation' + generic head 'study'"),
    ]  # "zero shot" only modifies, and a field is no frame ("neural radiance field")


def test_convolution_for_convolutional_gives_way_however_frequent():
    freq = {"deep convolution neural network": 5, "deep convolutional network": 2, "convolution network": 3}
    freq |= {"convolutional neural network": 1, "graph convolution": 4}
    assert variant_merges(freq) == [
        Merge(
            "convolution network",
            "convolutional neural network",
            "variant",
            "'convolution network' writes 'convolution' for 'convolutional'",
        ),
        Merge(
            "deep convolution neural network",
            "deep convolutional network",
            "variant",
            "'deep convolution neural network' writes 'convolution' for 'convolutional'",
        ),
    ]  # a graph convolution is an operation, not a slip


def test_thesaurus_forces_forbids_and_ignores(tmp_path):
    f = tmp_path / "thesaurus.txt"
    f.write_text("label\treplace by\nConvNets\tconvolutional neural network\nCNN\tCNN\nstate of the art\t\n")
    th = read_thesaurus(f)
    assert th.replace == {"convnet": "convolutional neural network"}
    assert th.keep == {"cnn"} and th.ignore == {"state of the art"}
    auto = [Merge("cnn", "convolutional neural network", "acronym", "x"), Merge("a b", "ab", "joined", "y")]
    mapping, applied = resolve(auto, th)
    assert mapping == {"a b": "ab", "convnet": "convolutional neural network", "state of the art": ""}
    assert [m.kind for m in applied] == ["joined", "thesaurus", "thesaurus"]


def test_a_known_name_plus_the_word_for_what_it_is_is_the_name():
    """'COCO dataset' is COCO and 'CLIP model' is CLIP; a role word that does not fit the name's type
    ('ImageNet models', 'ImageNet classification') or a type known only from the phrase itself stays."""
    texts = {
        "coco": "We report results on the COCO dataset and on COCO.",
        "clip": "The CLIP model aligns images and text; CLIP is strong.",
        "imagenet": "ImageNet models transfer well; ImageNet classification is saturated.",
        "photo retouching": "We collect the photo retouching dataset for photo retouching.",
    }
    assert known_as("coco", [texts["coco"]]) == ("dataset", "a known dataset (gazetteer)")
    assert known_as("photo retouching", [texts["photo retouching"]]) is None  # its type comes from the context
    freq = dict.fromkeys(
        ["coco", "coco dataset", "clip", "clip model", "imagenet", "imagenet model", "imagenet classification"]
        + ["photo retouching", "photo retouching dataset", "lstm network"],
        1,
    )
    merges = named_merges(freq, lambda key: known_as(key, [texts.get(key, "")]))
    assert [(m.source, m.target, m.kind) for m in merges] == [
        ("clip model", "clip", "named"),
        ("coco dataset", "coco", "named"),
    ]
    assert merges[1].evidence == "'coco' is a known dataset (gazetteer); 'dataset' only says what it is"


def test_forms_of_a_well_known_name_are_one_concept():
    """'MS COCO' / 'MSCOCO' / 'COCO' and 'ResNets' / 'residual networks' merge under their most frequent
    form; an acronym the corpus defines elsewhere cannot be the target, and 'CNN' in papers that are not
    about neural networks (the news channel) stays apart."""
    texts = {
        "cnn": "CNN and Fox News covered the election; viewers of CNN trusted cable news less.",
        "convolutional neural network": "Convolutional neural networks classify images.",
        "resnet": "ResNets are trained deeper.",
        "residual network": "Residual networks are trained with SGD.",
        "vit": "ViTs are trained on ImageNet.",
        "vision transformer": "Vision transformers learn from patches.",
    }
    freq = {"coco": 4, "mscoco": 2, "ms coco dataset": 1, "resnet": 3, "residual network": 5, "cnn": 2}
    freq |= {"convolutional neural network": 6, "vit": 2, "vision transformer": 1}
    targets = synonym_targets(
        freq,
        synonym_groups(),
        taken={"vit"},  # "ViT" is defined in the corpus as "vision transformer": that merge stands
        fits=lambda kind, key: kind != "architecture" or about_neural_nets(_without(key, [key], texts)),
    )
    merges = synonym_merges(freq, targets)
    assert [(m.source, m.target) for m in merges] == [("mscoco", "coco"), ("resnet", "residual network")]
    assert merges[0].evidence == "'mscoco' and 'coco' name the same dataset (list of well-known names)"
    assert targets["ms coco"] == ("coco", "dataset") and targets["microsoft coco"] == ("coco", "dataset")
    assert targets["convnet"] == ("convolutional neural network", "architecture")  # an absent form: for `named`
    assert "cnn" not in targets and "vit" not in targets  # the news channel; the corpus's own definition
    named = named_merges(freq, lambda key: known_as(key, []), targets)
    assert [(m.source, m.target, m.evidence) for m in named] == [
        (
            "ms coco dataset",
            "coco",
            "'ms coco' is a known dataset (gazetteer); 'dataset' only says what it is; 'ms coco' is 'coco'",
        )
    ]


def test_every_known_name_is_written_as_a_concept_key_with_one_type():
    """A gazetteer or synonym entry that is not a key ('lpips' for the key 'lpip') never matches."""
    r = rules()
    typed = {name: t for t, names in r["gazetteer"].items() for name in names}
    for t, group in synonym_groups():
        assert t in r["gazetteer"]
        for name in group:
            assert typed.setdefault(name, t) == t, name
    assert [name for name in typed if concept_key(name) != name] == []


def test_merges_dry_run_explains_every_merge(sample_db):
    result = CliRunner().invoke(cli, ["merges", "--db", str(sample_db), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(r["evidence"] and r["kind"] in MERGE_KINDS for r in rows)
    assert {r["source"]: r["target"] for r in rows if r["kind"] == "named"} == {
        "bidirectional lstm model": "bilstm",
        "coco dataset": "coco",
        "convolutional neural network architecture": "convolutional neural network",
        "glue benchmark": "glue",
        "gnn architecture": "graph neural network",
        "ilsvrc challenge": "ilsvrc",
        "imagenet 1k dataset": "imagenet 1k",
        "imagenet benchmark": "imagenet",
        "imagenet challenge": "imagenet",
        "imagenet dataset": "imagenet",
        "inceptionv3 model": "inceptionv3",
        "lstm network": "lstm",
        "ms coco benchmark": "coco",
        "ms coco dataset": "coco",
        "transformer architecture": "transformer",
        "transformer model": "transformer",
        "vgg16 model": "vgg16",
    }
    assert {r["source"]: r["target"] for r in rows if r["kind"] == "known-name"} == {
        "bi lstm": "bilstm",
        "convolutional network": "convolutional neural network",
        "ilsvrc 2012": "imagenet 1k",
        "imagenet2012 1k": "imagenet 1k",
        "long short term memory": "lstm",
        "residual network": "resnet",
    }
    vit = [r for r in rows if r["source"] == "vit"]
    assert (
        vit == [{"source": "vit", "target": "vision transformer", "kind": "acronym", "evidence": vit[0]["evidence"]}]
        and "vision transformer" in vit[0]["evidence"].lower()
    )
    # "NLP tasks": the acronym expands before a generic head, then the head goes; "natural language tasks"
    # stay, as "natural language" only modifies them
    chain = {r["source"]: r["target"] for r in rows if r["source"].startswith(("nlp", "natural language"))}
    assert chain == {
        "nlp": "natural language processing",
        "nlp task": "natural language processing task",
        "natural language processing task": "natural language processing",
        "natural language understanding task": "natural language understanding",
    }
    stored = json.loads(CliRunner().invoke(cli, ["merges", "--db", str(sample_db), "--json"]).output)
    assert stored == rows  # the last build applied exactly what a dry run shows


def test_merges_of_one_kind_or_into_one_concept(sample_db):
    """What a reviewer asks: every known-name merge, or why 'residual networks' and 'NLP tasks' are gone."""
    from conceptgraph.cli import MERGE_KINDS as CLI_KINDS

    assert CLI_KINDS == MERGE_KINDS

    def merges(*args: str) -> list[tuple[str, str, str]]:
        result = CliRunner().invoke(cli, ["merges", "--db", str(sample_db), "--json", *args])
        assert result.exit_code == 0, result.output
        return [(r["source"], r["target"], r["kind"]) for r in json.loads(result.output)]

    assert merges("--concept", "residual networks") == [("residual network", "resnet", "known-name")]
    # chains are followed: the acronym before a generic head, then the head
    assert merges("--concept", "NLP tasks", "--kind", "acronym") == [
        ("nlp", "natural language processing", "acronym"),
        ("nlp task", "natural language processing task", "acronym"),
    ]
    assert {kind for *_, kind in merges("--kind", "named", "--kind", "joined")} == {"named", "joined"}
    assert merges("--concept", "MS COCO", "--kind", "named") == [
        ("coco dataset", "coco", "named"),
        ("ms coco benchmark", "coco", "named"),
        ("ms coco dataset", "coco", "named"),
    ]
    result = CliRunner().invoke(cli, ["merges", "--db", str(sample_db), "--concept", "zorblax"])
    assert result.exit_code == 2 and "no concept named 'zorblax'" in result.output


def test_merges_dry_run_on_a_workspace_from_another_extractor_says_to_extract(sample_db, monkeypatch):
    """Its cached keyphrases are another version's: planning without them would show acronyms only."""
    import sys

    monkeypatch.setattr(
        sys.modules["concepts.extract"], "EXTRACTOR_VERSION", "older"
    )  # the package exports a function so named
    result = CliRunner().invoke(cli, ["merges", "--db", str(sample_db), "--dry-run"])
    assert result.exit_code == 1
    assert f"342 of 342 papers in {sample_db} have no keyphrases from this version of the extractor" in result.output
    assert f"run `conceptgraph extract --db {sample_db} --top-n 10 --min-score 0.25` first" in result.output
    stored = CliRunner().invoke(cli, ["merges", "--db", str(sample_db)])  # what the last build applied still shows
    assert stored.exit_code == 0 and "acronym" in stored.output and "near-duplicate" in stored.output


def test_a_thesaurus_line_changes_the_graph_and_removing_it_changes_it_back(sample_db, tmp_path):
    db = tmp_path / "th.db"
    shutil.copy(sample_db, db)
    th = tmp_path / "thesaurus.txt"

    def concepts() -> dict:
        out = CliRunner().invoke(cli, ["concepts", "--db", str(db), "--top", "100000", "--json"]).output
        return {c["key"]: c["papers"] for c in json.loads(out)}

    before = concepts()
    assert before["continual learning"] > 0 and before["catastrophic forgetting"] > 0
    assert "transfer learning" not in before  # generic in this corpus: see the relevance test
    th.write_text(
        "label\treplace by\ncatastrophic forgetting\tcontinual learning\nImageNet\t\n"
        "transfer learning\ttransfer learning\n"
    )
    assert (
        CliRunner().invoke(cli, ["-q", "build", str(EXAMPLES), "--db", str(db), "--thesaurus", str(th)]).exit_code == 0
    )
    during = concepts()
    assert "catastrophic forgetting" not in during and "imagenet" not in during
    assert during["continual learning"] > before["continual learning"]
    assert during["transfer learning"] == 68  # a keep line overrides the relevance filter
    th.write_text("label\treplace by\n")
    assert CliRunner().invoke(cli, ["-q", "build", str(EXAMPLES), "--db", str(db)]).exit_code == 0
    assert concepts() == before


def test_relevance_filter_drops_terms_spread_evenly_over_topics(sample_db):
    """VOSviewer-style: the sample corpus's hub co-occurs with every topic cluster and is ignored, with evidence."""
    from concepts.relevance import generic_by_relevance

    rows = json.loads(CliRunner().invoke(cli, ["merges", "--db", str(sample_db), "--json"]).output)
    generic = {r["source"]: r["evidence"] for r in rows if r["kind"] == "generic"}
    assert sorted(generic) == ["computer vision", "deep learning", "deep neural network", "transfer learning"]
    assert "0.11 bits" in generic["transfer learning"]
    assert "in 84 papers, co-occurs with 14 of 14 topic clusters" in generic["transfer learning"]
    assert "0.10 bits" in generic["deep learning"]
    assert "in 64 papers, co-occurs with 14 of 14 topic clusters" in generic["deep learning"]
    assert "0.14 bits" in generic["deep neural network"]
    assert "in 40 papers, co-occurs with 14 of 14 topic clusters" in generic["deep neural network"]
    assert "0.15 bits" in generic["computer vision"]
    assert "in 15 papers, co-occurs with 13 of 14 topic clusters" in generic["computer vision"]
    # three topics of four terms each, plus one term in every paper: only that one is generic
    topics = [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"], ["c1", "c2", "c3", "c4"]]
    papers = {f"p{t}{i}": [*topics[t][i : i + 3], "hub"] for t in range(3) for i in range(2) for _ in range(3)}
    papers = {f"{k}-{j}": v for j in range(3) for k, v in papers.items()}
    found = generic_by_relevance(papers)
    assert [(r.key, r.papers, r.clusters, r.of_clusters) for r in found] == [("hub", 18, 3, 3)]
    # ... unless the gazetteer names it as a dataset: a benchmark every topic uses is what they share
    mentions = {(pid, k): None for pid, keys in papers.items() for k in keys}
    mapping, merges = _drop_generic(mentions, {}, [], None)
    assert mapping == {"hub": ""} and [(m.source, m.kind) for m in merges] == [("hub", "generic")]
    mentions = {(pid, "imagenet" if k == "hub" else k): None for pid, k in mentions}
    assert _drop_generic(mentions, {}, [], None) == ({}, [])


def test_f1_protocol_exact():
    assert stem_phrase("Neural Networks") == stem_phrase("neural network") == "neural network"
    preds = [["neural networks", "neural network", "graphs", "trees"], []]
    golds = [["neural network", "trees", "forests"], ["x"]]
    # doc 1: dedup -> [neural network, graph, tree]; top-2 hits 1: P=1/2, R=1/3, F1=0.4; doc 2: 0
    got = f1_at_k(preds, golds, 2)
    assert {k: round(v, 9) for k, v in got.items()} == {"P": 25.0, "R": round(100 / 6, 9), "F1": 20.0}
    assert typed_scores([[("neural nets", "method"), ("trees", "dataset")]], [[("trees", "dataset")]])["micro"] == {
        "P": 100.0,
        "R": 100.0,
        "F1": 100.0,
        "predicted": 1,
    }


def test_eval_command_reads_the_three_gold_formats(tmp_path):
    ins = tmp_path / "inspec"
    (ins / "docs").mkdir(parents=True)
    (ins / "keys").mkdir()
    (ins / "docs" / "1.txt").write_text(
        "Graph neural networks for molecules\nWe propose graph neural networks for\n\tmolecule property prediction.\n"
    )
    (ins / "keys" / "1.key").write_text("graph neural networks\nmolecule property prediction\r\n\tchemistry\n")
    brat = tmp_path / "brat"
    brat.mkdir()
    text = "We train a convolutional network on the CIFAR dataset for image classification."
    (brat / "a.txt").write_text(text)
    (brat / "a.ann").write_text(
        "T1\tProcess 11 32\tconvolutional network\nT2\tMaterial 40 53\tCIFAR dataset\nT3\tTask 58 78\timage classification\n"
    )
    scierc = tmp_path / "s.json"
    scierc.write_text(
        json.dumps(
            {
                "doc_key": "d1",
                "sentences": [["We", "use", "BERT", "for", "question", "answering", "."]],
                "ner": [[[2, 2, "Method"], [4, 5, "Task"]]],
                "relations": [[]],
                "clusters": [],
            }
        )
        + "\n"
    )
    for fmt, path, docs in (("inspec", ins, 1), ("brat", brat, 1), ("scierc", scierc, 1)):
        result = CliRunner().invoke(cli, ["-q", "eval", "--gold-format", fmt, str(path), "--json"])
        assert result.exit_code == 0, result.output
        r = json.loads(result.output)["conceptgraph"]
        assert r["documents"] == docs and set(r) >= {"F1@5", "F1@10", "F1@15"}
        if fmt != "inspec":
            assert "typed" in r and "majority_baseline" in r and "uncontrolled" not in r
        else:  # both predictions are keys ("molecules" scores 0.19, below --min-score); "chemistry" is a
            # controlled (thesaurus) key, absent from the text
            assert r["F1@10"]["F1"] == 80.0 and r["uncontrolled"]["F1@10"]["F1"] == 100.0
    r = json.loads(CliRunner().invoke(cli, ["-q", "eval", "--gold-format", "brat", str(brat), "--json"]).output)
    assert r["conceptgraph"]["F1@5"]["F1"] == 100.0
    # ScienceIE's Material label is named for the substances it mostly holds; our dataset claim scores against it
    assert r["conceptgraph"]["typed"]["material"]["F1"] == 100.0
    assert r["conceptgraph"]["claims"] == {  # "convolutional network" is our architecture, a gold Process
        "architecture": {"predicted": 1, "P": 100.0},
        "dataset": {"predicted": 1, "P": 100.0},
        "task": {"predicted": 1, "P": 100.0},
    }
    ptb = tmp_path / "ptb.json"
    sentence = ["automatic", "speech", "recognition", "-LRB-", "ASR", "-RRB-", "systems"]
    ptb.write_text(json.dumps({"doc_key": "d2", "sentences": [sentence], "ner": [[[0, 2, "Task"], [4, 4, "Task"]]]}))
    (sci,) = read_scierc(ptb)
    assert sci.text == "automatic speech recognition ( ASR ) systems"
    assert sci.typed == [("automatic speech recognition", "task"), ("ASR", "task")]
    folder = tmp_path / "scierc-test"
    folder.mkdir()
    ptb.rename(folder / "test.jsonl")  # a folder whose split is named .jsonl is read too
    assert [d.id for d in read_scierc(folder)] == ["d2"]
    (doc,) = read_inspec(ins)
    assert doc.keys == ["graph neural networks", "molecule property prediction", "chemistry"]
    assert doc.uncontrolled == ["graph neural networks", "molecule property prediction"]
    bad = CliRunner().invoke(cli, ["eval", "--gold-format", "inspec", str(brat)])
    assert bad.exit_code == 2 and "not an Inspec folder" in bad.output


def test_inspec_reads_hulths_own_files_and_sifranks_layout(tmp_path):
    """A split may come as Hulth's .abstr/.uncontr/.contr files or as SIFRank's docsutf8/: same reading."""
    split = tmp_path / "hulth" / "Test"
    split.mkdir(parents=True)
    (split / "7.abstr").write_text(
        "Graph neural networks for molecules\n\tand crystals\nWe propose graph neural networks for\n"
        "\tmolecule property prediction.\n"
    )
    (split / "7.uncontr").write_text("graph neural networks; molecule property\n\tprediction; crystals\n")
    (split / "7.contr").write_text("chemistry;\n\tneural nets\n")
    (doc,) = read_inspec(tmp_path / "hulth")
    assert (doc.id, doc.text) == (
        "7",
        "Graph neural networks for molecules and crystals. "
        "We propose graph neural networks for molecule property prediction.",
    )
    assert doc.keys == ["graph neural networks", "molecule property prediction", "crystals", "chemistry", "neural nets"]
    assert doc.uncontrolled == ["graph neural networks", "molecule property prediction", "crystals"]
    sif = tmp_path / "sif"
    (sif / "docsutf8").mkdir(parents=True)
    (sif / "keys").mkdir()
    (sif / "docsutf8" / "7.txt").write_text("Graph neural networks\nWe propose graph neural networks.\n")
    (sif / "keys" / "7.key").write_text("graph neural networks\r\nneural nets\n")
    (doc,) = read_inspec(sif)
    assert (doc.text, doc.keys, doc.uncontrolled) == (
        "Graph neural networks. We propose graph neural networks.",
        ["graph neural networks", "neural nets"],
        ["graph neural networks"],
    )


def test_eval_types_an_acronym_as_its_definition(tmp_path):
    """As the graph build does: "DFT" takes the slot of "density functional theory", its definition in the text
    (one concept, one entry), typed by its head noun (theory)."""
    from concepts.evaluate import conceptgraph_extractor

    text = "Band gaps were computed with density functional theory (DFT). DFT underestimates the gap of ZnO."
    (typed,) = conceptgraph_extractor(10)([text])
    assert dict(typed)["density functional theory"] == "method"
    assert "DFT" not in dict(typed)
