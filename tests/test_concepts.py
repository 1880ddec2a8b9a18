"""Candidates, normalization, acronyms and types; ranking with the real model."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import SimpleNamespace

import pytest

from conceptgraph.errors import UsageError
from concepts.candidates import candidates
from concepts.extract import (
    ExtractSettings,
    candidate_keys,
    demote_nested,
    extract,
    extract_ranked,
    head_keyphraseness,
    keyphraseness,
    local_scores,
    rerank_with_corpus,
    specificity,
    spell_acronyms,
)
from concepts.model import encode_phrases
from concepts.normalize import AcronymResolver, Casing, concept_key, find_acronyms, title_acronyms
from concepts.typing_rules import TypeDecision, classify, classify_all, context_of

TEXT = (
    "We propose a graph neural network for molecule property prediction. "
    "Experiments on the QM9 dataset show a lower mean absolute error than prior work."
)


def decided(keys: Sequence[str], texts: Sequence[str] = ("x",)) -> list[tuple[str, float, str]]:
    """Each key's (type, confidence, rule) from :func:`classify_all`, every key mentioned in ``texts``."""
    return [(d.type, d.confidence, d.rule) for d in classify_all([(k, (), list(texts)) for k in keys])]


def test_candidates_stop_at_punctuation_and_stop_words():
    assert [c.text for c in candidates(TEXT)] == [
        "graph neural network",
        "molecule property prediction",
        "Experiments",
        "QM9 dataset",
        "mean absolute error",
        "work",
    ]
    assert [c.text for c in candidates("deep learning, i.e. representation learning; results")] == [
        "deep learning",
        "representation learning",
        "results",
    ]
    # reporting verbs end a phrase: "says ITNET" was a candidate
    assert [c.text for c in candidates("content management, says ITNET; the author argues")] == [
        "content management",
        "ITNET",
        "author",
    ]
    # a contraction of a function word ends one too: "fastest units we've" was a candidate
    text = "the fastest units we've tested; an update that doesn’t converge; they're slow"
    assert [c.text for c in candidates(text)] == ["fastest units", "update"]


# Each case was a gold term split or lost on the dev sets (see the commit that added it).
CANDIDATE_CASES = [
    (
        "We design a Navier–Stokes solver with hidden layers for ferromagnetic steels. "
        "IT security and the system design need pages 10–20, which we study in a case study.",
        [
            "Navier–Stokes solver",  # an en dash joins a name, as a hyphen does
            "hidden layers",  # an irregular participle is a modifier, as "supervised" is
            "ferromagnetic steels",  # the lexicon knows "steels" only as a verb
            "IT security",  # a function word in capitals is an acronym
            "system design",  # "design" and "study" are nouns unless their neighbours make them verbs
            "pages",
            "case study",
        ],
    ),
    ("It works and the model learns features.", ["model", "features"]),
    # a minus sign inside a formula joins it, as an en dash does (ScienceIE: "La4Ni3−xFexO10" was cut in two), and
    # a number written with a minus or times sign is a number, as with "-" and "x": "10−6 mbar" is a quantity
    ("The La4Ni3−xFexO10 materials were made at 10−6 mbar on a 3×3 grid.", ["La4Ni3−xFexO10 materials", "grid"]),
    ("at 10-6 mbar on a 3x3 grid", ["grid"]),
    # a unit after a number belongs to the quantity, not to the term after it; elsewhere a unit's letters are words
    (
        "Films of 5 nm thickness at 300 K temperature and 20 °C water, 5 kHz signals and 32 bit processors in NM.",
        [
            "Films",
            "thickness",
            "temperature",
            "water",
            "signals",
            "processors",
            "NM",
        ],
    ),
    # ... as it does written on, and a number in scientific notation is a number; "3D", "5G" and "4K" are names
    (
        "A 1e-4 learning rate, 2GB memory and 5nm films for 3D scenes, 5G networks and 4K video",
        [
            "learning rate",
            "memory",
            "films",
            "3D scenes",
            "5G networks",
            "4K video",
        ],
    ),
    # a small number after a class word is part of the term it starts, as after a name in capitals; alone it refers
    (
        "Type 2 diabetes and stage 4 cancer in phase 2, see Table 1, with ResNet 50 backbones and GPT 4",
        [
            "Type 2 diabetes",
            "stage 4 cancer",
            "phase",
            "Table",
            "ResNet 50 backbones",
            "GPT 4",
        ],
    ),
    # an adjective a clause ends with after a copula or a degree word is said of its subject, no term; a name is
    (
        "The yield was high. The cause remains unknown, the model is very complex and the problem is NP-hard.",
        ["yield", "cause", "model", "problem", "NP-hard"],
    ),
    # after a verb "that" starts a clause, whose subject is a term; after a noun it starts a relative clause, whose
    # verb is none; alone it is a pronoun
    (
        "We show that models generalize. Factors that influence overactive bladder, that means tiered pricing.",
        ["models", "Factors", "overactive bladder", "tiered pricing"],
    ),
    # an ordinal before "order" and a term is part of it, as in "first-order"; "order" after "first" is no verb there
    (
        "A first order phase transition and second order statistics. We first order the items.",
        ["first order phase transition", "second order statistics", "items"],
    ),
    # a Greek letter spelled out is a variable at a phrase's end or alone, unless a person's name owns it
    (
        "Cronbach's alpha, the relaxation rates lambda, then lambda, and beta decay",
        ["Cronbach's alpha", "relaxation rates", "beta decay"],
    ),
    # a footnote mark is no part of its word, words a PDF ran together are no term, and keyword headings end
    # a phrase
    (
        "black industrial discontent.2 and H.264 fitnesswasassociatedwithlowerriskofdeveloping conditions",
        ["black industrial discontent", "H.264", "conditions"],
    ),
    (
        "General Terms Algorithms, Design Keywords: deep learning. Index Terms—graph neural networks",
        ["Algorithms", "Design", "deep learning", "graph neural networks"],
    ),
    # an element with its oxidation state is one word; a numeral in parentheses elsewhere is not ("Eq. (II)")
    (
        "Zn(II) complexes, Fe(III) oxide nanoparticles and Cu(0) sites obey Eq. (II).",
        [
            "Zn(II) complexes",
            "Fe(III) oxide nanoparticles",
            "Cu(0) sites",
            "II",
        ],
    ),
    # an ion's charge and a language's sharp sign are part of the word
    ("SO42− groups, Fe3+ ions and SO4²⁻ anions in C# code", ["SO42− groups", "Fe3+ ions", "SO4²⁻ anions", "C# code"]),
    # a Latin phrase modifies a term as one adjective ("in" and "a" are otherwise no part of one); a Latin
    # adverb, or the phrase with no noun after it, is no term
    (
        "In situ measurements, a priori knowledge and ab initio calculations agree per se and vice versa in vivo.",
        [
            "In situ measurements",
            "a priori knowledge",
            "ab initio calculations",
        ],
    ),
    # a name in the possessive names a disease, a law, a method... after a person; other owners end a phrase
    (
        "Alzheimer's disease, Student's t-test and Bayes' theorem are not Intel's Pentium processor. "
        "Today's economy needs Newton's method.",
        [
            "Alzheimer's disease",
            "Student's t-test",
            "Bayes' theorem",
            "Intel",
            "Pentium processor",
            "Today",
            "economy",
            "Newton's method",
        ],
    ),
    # sub- and superscripts belong to their word, and a PDF's ligature is its letters; "10⁻³" is a number
    ("CO₂ emissions at 10⁻³ Pa after ﬁne-tuning", ["CO₂ emissions", "ﬁne-tuning"]),
    # Greek letters belong to names ("TGF-β", "J/ψ", "Θ+"); an equation with them breaks a phrase, and a lone one
    # is a variable, like "t"
    (
        "NF-κB activation, TGF-β signaling and inclusive J/ψ productions near the Θ+ baryon; "
        "14w2−12w−FμνaFaμν equations at the angle θ.",
        [
            "NF-κB activation",
            "TGF-β signaling",
            "inclusive J/ψ productions",
            "Θ+ baryon",
            "equations",
            "angle",
        ],
    ),
    (
        "A Lagrangian based heuristic, based on duality, is an approach to question answering "
        "that we use to model words, tested on PASCAL VOC 2007 images in 2007.",
        [
            "Lagrangian based heuristic",  # "based" between content words is a lost hyphen
            "duality",
            "approach",
            "question answering",  # after "approach to", a noun follows
            "words",  # after "use to", "model" is a verb
            "PASCAL VOC 2007 images",  # a year after a name in capitals is part of it
        ],
    ),
    # a filler word in capitals amid lower-case text starts a name, here and wherever it recurs;
    # in a title in title case it is still filler
    (
        "Towards a Novel Approach. We test codes against the Standard Model. Standard Model physics is new.",
        ["Approach", "codes", "Standard Model", "Standard Model physics"],
    ),
    # ... also where the text writes the name as an owner ("New Jersey's", Inspec)
    (
        "New Jersey writers. We met authors from New Jersey's communities.",
        ["New Jersey writers", "authors", "New Jersey", "communities"],
    ),
    # "high" and "low" make terms ("high temperature", "low power"); "lower" mostly compares, and
    # "various" is filler; before a measure they grade it ("high accuracy"). "large-scale" names a kind of
    # system or problem (65% of the dev sets' phrases it starts are gold keys, none of those it was trimmed from)
    (
        "We reach lower error and high accuracy at high temperature and low power on various datasets "
        "of large-scale systems.",
        ["error", "accuracy", "high temperature", "low power", "datasets", "large-scale systems"],
    ),
    # ... unless the filler word starts a listed term: "lower bounds", "specific heat", "overall survival"
    (
        "Novel lower bounds on specific heat, key challenges of key exchange, and overall survival in prior work.",
        [
            "lower bounds",
            "specific heat",
            "challenges",
            "key exchange",
            "overall survival",
            "work",
        ],
    ),
    # an adjective before "to" or "than" follows its noun and is no part of the term; before a noun it is
    (
        "Male fish relative to females, features specific to cancer, models larger than ResNet, resistant cells.",
        [
            "Male fish",
            "females",
            "features",
            "cancer",
            "models",
            "ResNet",
            "resistant cells",
        ],
    ),
    # an -ly adverb before an adjective or participle joins the term, unless it only grades it
    (
        "weakly supervised learning with relatively sparse labels",
        [
            "weakly supervised learning",
            "sparse labels",
        ],
    ),
    # a gerund known only as a verb, after a preposition, heads a verb phrase; a noun gerund stays
    (
        "A method for selecting regression tests by minimizing cost, based on training data for scheduling jobs.",
        [
            "method",
            "regression tests",
            "cost",
            "training data",
            "scheduling jobs",
        ],
    ),
    # ... and so do gerunds joined straight to it; an "and" between two objects joins terms
    (
        "We focus on identifying, categorizing and analyzing existing bug localization methods.",
        ["bug localization methods"],
    ),
    (
        "Savings come by minimizing energy consumption and operating costs.",
        ["Savings", "energy consumption", "operating costs"],
    ),
    # after a plural noun, an -ing form is a participle: "cars parking", but "systems engineering"
    (
        "Communities serving women need cars parking near lines; systems engineering helps.",
        ["Communities", "women", "cars", "lines", "systems engineering"],
    ),
    # a derived participle the lexicon lacks is a participle ("pretrained" as "trained"); a derived
    # gerund or noun keeps its place ("data preprocessing", "coreset"); after "this", an -s form is a verb
    (
        "We fine-tune models pretrained on ImageNet with data preprocessing and a small coreset.",
        ["models", "ImageNet", "data preprocessing", "coreset"],
    ),
    ("This preserves language regularities. This series converges.", ["language regularities", "series"]),
    # a hyphenated gerund is a term alone anywhere ("fine-tuning"), one the lexicon knows only as a verb where it
    # ends a list or clause ("selling." here, not "selling cars"), and a title's capitals in a hyphenated word are
    # title case, not a name: "Parameter-Efficient" stays an adjective
    (
        "A Library for Parameter-Efficient and Modular Transfer Learning. We study fine-tuning and selling. "
        "Selling cars pays.",
        ["Library", "Modular Transfer Learning", "fine-tuning", "selling", "Selling cars"],
    ),
    # an abbreviation's periods are its own, not a sentence end: "U.S. universities" is one phrase, and "e.g."
    # still a stop word; its key drops the last period, so "U.S." and "U.S" are one concept
    (
        "Women in U.S. universities, e.g. in the U.S. or in the U.K., said so.",
        ["Women", "U.S. universities", "U.S.", "U.K."],
    ),
    # an adjective the lexicon lacks ("-able", "-ible", "-ional", "-ive") modifies, never heads a phrase
    (
        "Deep learning feasible. We train scalable and differentiable autoregressive models.",
        ["Deep learning", "differentiable autoregressive models"],
    ),
    # before a quantifier, a word that can be a verb is one: "(1) train multiple models"
    ("We (1) train multiple models and (2) discard the worst.", ["multiple models"]),
    (
        "Mask-RCNN and Wide-ResNet outperform Self-Supervised Fine-Tuning.",
        [
            "Mask-RCNN",
            "Wide-ResNet",
            "Self-Supervised Fine-Tuning",
        ],
    ),
    # a capital letter after a word in lower case is a variable, as a lower-case letter is; a name keeps its
    # letter, as does a word that names a member of a class by one
    (
        "Let graph G span the subspace V of load resistance R, as Mac OS X, vitamin D and protein kinase C do.",
        ["graph", "subspace", "load resistance", "Mac OS X", "vitamin D", "protein kinase C"],
    ),
    # an adjective after its noun says something of it, and an adverb it leaves is nothing
    (
        "We use the techniques known in the shortest time possible. It is conceptually simple, values corresponding.",
        ["techniques", "shortest time", "values"],
    ),
    # INSPEC's markup for sub- and superscripts is part of its word, as "CO₂" is
    (
        "The H/sub infinity/ control problem, O/sub 2/ molecules, /sup 133/Cs nuclei and K/sub phi /-divergence tests.",
        ["H/sub infinity/ control problem", "O/sub 2/ molecules", "/sup 133/Cs nuclei", "K/sub phi /-divergence tests"],
    ),
    # but a variable with its sub- or superscript names nothing alone or at the end of a phrase (before a noun
    # it may: "L/sub 2/ gain", "H/sub infinity/ control")
    (
        "The critical point x/sub c/ of n/sup 2/ steps, /sup d/ and N/sub 2/ gas in L/sub 2/ gain control.",
        ["critical point", "n/sup 2/ steps", "N/sub 2/ gas", "L/sub 2/ gain control"],
    ),
    # a phrasal verb made a noun keeps its particle, verbs joined by hyphens modify, an -ly adverb the lexicon
    # lacks ends a phrase, a hyphen before a function word is a dash, and "near" after a noun is a preposition
    (
        "A trade-off of plug-in hybrids and shift-reduce parsers, laser pulses deterministically, control-for a "
        "motor, discretizations near equilibria in the near field.",
        ["trade-off", "plug-in hybrids", "shift-reduce parsers", "laser pulses", "control", "motor"]
        + ["discretizations", "equilibria", "near field"],
    ),
    # a word after a manner adverb is a verb unless it is an adjective or participle ("fully connected");
    # an adverb of focus points at nouns too ("particularly Types"); a plural noun, then a word that can
    # be a verb, then an adverb: the verb ends the phrase
    (
        "A mechanism that efficiently replays entire scenes in fully connected layers, particularly Types. "
        "All 140 models transfer surprisingly well, yet Deep-Q Networks transfer so poorly.",
        ["mechanism", "scenes", "fully connected layers", "Types", "models", "Deep-Q Networks"],
    ),
    # a word in -s the lexicon knows only as a verb is one between a noun and its object; before a break it may
    # be a plural ("carbon steels"); after a plural noun and before a question's end, one that can be a verb is
    (
        "Language Guidance Eases Transfer Across Domains; the model undergoes pretraining; carbon steels are hard. "
        "Do Sparse ImageNet Models Transfer?",
        ["Language Guidance", "Transfer", "Domains", "model", "pretraining", "carbon steels"]
        + ["Sparse ImageNet Models"],
    ),
    # a gerund alone is a term where a list or clause goes on after it or "of" gives its object, not before its
    # own object or preposition; an adjective that trimming leaves ("Empirical" of "Empirical results") is none
    (
        "Empirical results are encouraging. We use filtering, smoothing and scheduling of jobs, relying on data.",
        ["filtering", "smoothing", "scheduling", "jobs", "data"],
    ),
    # a stop word starts a listed term ("least squares", "named entity"), but not after a word that makes it
    # a verb's or an adverb's, nor before a name in capitals
    (
        "Named entity recognition and least squares estimation, at least mean values; a model named Entity. "
        "We call graph methods X.",
        ["Named entity recognition", "least squares estimation", "mean values", "model", "Entity", "graph methods"],
    ),
    # a singular noun makes nouns of "use", "needs", "making" and "addressing"; elsewhere they are verbs
    (
        "Land use planning, user needs, group decision making and IP addressing. Models use attention; "
        "the system needs a map; the paper addressing issues.",
        ["Land use planning", "user needs", "group decision making", "IP addressing", "Models", "attention"]
        + ["system", "map", "paper", "issues"],
    ),
    # no verb in its base form follows a determiner or a preposition: a word the lexicon knows only as a verb
    # modifies the noun after it there, and stays a verb elsewhere
    (
        "We prove the complete monotonicity condition in complete genomes from the log likelihood. "
        "We select features to complete the task.",
        ["complete monotonicity condition", "complete genomes", "log likelihood", "features", "task"],
    ),
    # a capitalized word the lexicon knows only as a verb is a name amid lower-case content words
    (
        "Vibrations measured with a laser Doppler vibrometer follow Divide and Conquer.",
        ["Vibrations", "laser Doppler vibrometer"],  # "Divide", "Conquer": after no content word, still verbs
    ),
    # INSPEC spells a Greek letter out and keeps a space before its hyphen: one word, as the text writes it
    (
        "Languages of omega -automata and gamma -acyclic database schemes, and mean -variance.",
        ["Languages", "omega -automata", "gamma -acyclic database schemes", "mean", "variance"],
    ),
    # an acronym defined in parentheses names the kind of the noun after it, which stays a candidate too
    (
        "Cells in asynchronous transfer mode (ATM) networks. Results (Table) show",
        ["Cells", "asynchronous transfer mode", "ATM", "ATM networks", "networks", "Results", "Table"],
    ),
    # quotes around words that modify a noun after them are no part of the term; around its end they end it
    (
        'Taking a "learner centered" approach, the term "python" is used.',
        ["learner centered approach", "term", "python"],
    ),
    # ... and an apostrophe before a lone "s", as tokenized text writes a possessive, is no quote mark
    ("Roget 's Thesaurus and Grolier 's Encyclopedia", ["Roget", "Thesaurus", "Grolier", "Encyclopedia"]),
    # an adjective after an -ly adverb that ends its clause is said of a noun; before a noun it modifies it
    (
        "The scheme is asymptotically stable. Asymptotically stable equilibria are largely dependent on noise.",
        ["scheme", "Asymptotically stable equilibria", "noise"],
    ),
    # "looks" and "deals" are verbs of abstracts, as "describes" is: "The author looks at ..."
    (
        "The author looks at search engines. The paper deals with metadata.",
        ["author", "search engines", "paper", "metadata"],
    ),
    # a describing participle after an adverb of manner modifies the noun; after an adverb of time it need not
    (
        "Images with randomly varying blur and a currently emerging family.",
        ["Images", "randomly varying blur", "family"],
    ),
]


@pytest.mark.parametrize("text, expected", CANDIDATE_CASES)
def test_candidates_keep_names_participles_plurals_and_acronyms_whole(text: str, expected: list[str]) -> None:
    assert [c.text for c in candidates(text)] == expected


def test_keys_of_formulas_names_and_abbreviations() -> None:
    """A candidate's key keeps what makes it that thing: an oxidation state, a sharp sign, a name, a subscript."""
    assert concept_key("Zn(II) complexes") == "znii complex"
    assert concept_key("C# code") != concept_key("C code")
    assert concept_key("in-situ measurements") == concept_key("In situ measurements") == "in situ measurement"
    assert concept_key("Alzheimer's disease") == concept_key("Alzheimer disease") == "alzheimer disease"
    # sub- and superscripts belong to their word, and a PDF's ligature is its letters: "CO₂" is "CO2"
    assert [concept_key(c.text) for c in candidates("CO₂ emissions at 10⁻³ Pa after ﬁne-tuning")] == [
        "co2 emission",
        "fine tuning",
    ]
    # an abbreviation's key drops its last period, so "U.S." and "U.S" are one concept
    assert concept_key("U.S.") == concept_key("U.S") == "u.s" and concept_key("v1.5") == "v1.5"
    # ... and so is INSPEC's markup for them
    assert concept_key("O/sub 2/ molecules") == concept_key("O₂ molecules") == "o2 molecule"
    assert concept_key("/sup 133/Cs nuclei") == "133cs nucleus"


def test_section_headings_are_not_part_of_candidates():
    """Structured and scraped abstracts (S2ORC): the heading is no word of a term; running text keeps its words."""
    texts = [
        "Abstract Scanning probe-based memories are dense.",
        "Conclusions CATALYTIC REDUCTION of nitrate works.",
        "BACKGROUND: The population ages. METHODS We surveyed clinics.",
        "Results show that background subtraction helps.",
        "Summary statistics are computed.",
        # a table of contents, and a title in capitals, whose label words are words
        "Bond Formation Conclusion COPPER-CATALYZED reactions. We study heat flow RESULTS We use finite elements.",
        "A PRACTICAL METHOD FOR EDUCATIONAL INNOVATIONS.",
    ]
    assert [[c.text for c in candidates(t)] for t in texts] == [
        ["Scanning probe-based memories"],
        ["CATALYTIC REDUCTION", "nitrate works"],
        ["population ages", "clinics"],
        ["Results", "background subtraction"],
        ["Summary statistics"],
        ["Bond Formation", "COPPER-CATALYZED reactions", "heat flow", "finite elements"],
        ["PRACTICAL METHOD", "EDUCATIONAL INNOVATIONS"],
    ]


def test_candidates_take_the_lower_case_spelling_when_the_text_writes_one():
    """A title's capitals are not the name's: the label should read as the abstract writes it."""
    text = "Knowledge Distillation for BERT. We study knowledge distillation of BERT on ImageNet and Imagenet."
    found = [(c.text, c.start) for c in candidates(text)]
    assert found == [("knowledge distillation", 0), ("BERT", 3), ("ImageNet", 12)]


def test_concept_key_collapses_case_plural_hyphen_spelling():
    same = ["Vision Transformers", "vision-transformer", "Vision transformer", "VISION TRANSFORMERS"]
    assert {concept_key(s) for s in same} == {"vision transformer"}
    assert concept_key("ViTs") == concept_key("ViT") == "vit"
    assert concept_key("optimisation strategies") == "optimization strategy"
    # British spellings become American: -ise verbs, -our, -re, -yse, a doubled l, the ae and oe of medical
    # Greek, listed forms; words that only look like them stay as written
    spellings = {
        "organised": "organized",
        "summarise": "summarize",
        "subarachnoid haemorrhage": "subarachnoid hemorrhage",
        "tumours": "tumor",
        "carbon fibres": "carbon fiber",
        "centred kernels": "centered kernel",
        "catalysed reaction": "catalyzed reaction",
        "travelled distance": "traveled distance",
        "paediatric oesophageal cancer": "pediatric esophageal cancer",
        "leukaemia": "leukemia",
        "dialogue systems": "dialog system",
        "ageing": "aging",
        "unsupervised": "unsupervised",
        "pairwise": "pairwise",
        "denoising": "denoising",
        "compromised": "compromised",
        "exercise": "exercise",
        "four hours": "four hour",
        "contour": "contour",
        "genre": "genre",
        "acres": "acre",
        "statistical analyses": "statistical analysis",
        "glamour": "glamour",
        "controlled trials": "controlled trial",
    }
    assert {w: concept_key(w) for w in spellings} == spellings
    assert concept_key("Poincaré ResNet") == "poincare resnet"
    # a Greek letter is spelled out, as authors also write it, and never dropped ("ε-greedy" is no "greedy")
    assert [concept_key(s) for s in ("α-synuclein", "alpha-synuclein", "TGF-β", "ε-greedy policy", "Σ-protocols")] == [
        "alpha synuclein",
        "alpha synuclein",
        "tgf beta",
        "epsilon greedy policy",
        "sigma protocol",
    ]
    assert concept_key("classes") == "class" and concept_key("analysis") == "analysis"
    # an acronym's own S is no plural ("AIDS" is no "aid", "SARS" no "SAR"), a title's in capitals is
    assert [concept_key(s) for s in ("AIDS", "HIV/AIDS", "aids", "SARS", "SAR", "NEURAL NETWORKS")] == [
        "aids",
        "hiv aids",
        "aid",
        "sars",
        "sar",
        "neural network",
    ]
    assert concept_key("ResNet-50") != concept_key("ResNet-101")
    # a name ending in s is no plural
    assert [concept_key(s) for s in ("naive Bayes", "Navier–Stokes", "Metropolis-Hastings")] == [
        "naive bayes",
        "navier stokes",
        "metropolis hastings",
    ]
    # -s singulars take -es ("gas", not "gase"); most -ses words are -se + s; Latin and Greek plurals
    plurals = ["greenhouse gases", "biases", "viruses", "lenses", "cases", "databases", "causes", "spectra", "crises"]
    assert [concept_key(s) for s in plurals] == [
        "greenhouse gas",
        "bias",
        "virus",
        "lens",
        "case",
        "database",
        "cause",
        "spectrum",
        "crisis",
    ]


def test_acronym_definitions_schwartz_hearst():
    text = (
        "Masked image modeling (MIM) performs strongly in pre-training large vision Transformers (ViTs). "
        "We propose the Enhanced Interactive Transformer (EIT). Graph Neural Networks (GNNs) work (see Fig. 2)."
    )
    assert find_acronyms(text) == {
        "MIM": "Masked image modeling",
        "ViT": "vision Transformers",
        "EIT": "Enhanced Interactive Transformer",
        "GNN": "Graph Neural Networks",
    }
    # a structured abstract's heading is no word of a definition (S2ORC: "CuAAC" = "Conclusion copper-..."),
    # while a label word that starts a term at a sentence start still does
    headed = (
        "Conclusion COPPER-CATALYZED AZIDE-ALKYNE CYCLOADDITION (CuAAC) works. BACKGROUND Acute kidney injury (AKI)"
    )
    assert find_acronyms(headed) == {"AKI": "Acute kidney injury"}
    assert find_acronyms("Context Free Grammars (CFG) parse.") == {"CFG": "Context Free Grammars"}
    # capitals inside words mark the letters the authors chose; letter matching alone took the shortest span
    marked = "a dataset for Cardiac Assessment and ClassificaTion of UltraSound (CACTUS), online"
    assert find_acronyms(marked) == {"CACTUS": "Cardiac Assessment and ClassificaTion of UltraSound"}


def test_a_title_that_spells_out_its_name_defines_it():
    """'WARP: Word-level Adversarial ReProgramming': each word gives the name its first letter, capitals
    come from word starts or capitals, linking words give none; titles whose words do not spell the
    name (BERT's, GLUE's, a structured abstract's heading) define nothing."""
    defined = {
        "WARP: Word-level Adversarial ReProgramming. We study ...": {"WARP": "Word-level Adversarial ReProgramming"},
        "CorDA: Context-Oriented Decomposition Adaptation of Large Language Models. We": {
            "CorDA": "Context-Oriented Decomposition Adaptation"
        },
        "COSTARR: Consolidated Open Set Technique with Attenuation for Robust Recognition": {
            "COSTARR": "Consolidated Open Set Technique with Attenuation for Robust Recognition"
        },
        "LoRA: Low-Rank Adaptation of Large Language Models. An": {"LoRA": "Low-Rank Adaptation"},
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding. We": {},
        "GLUE: A Multi-Task Benchmark and Analysis Platform for Natural Language Understanding. For": {},
        "AutoInt: Automatic Feature Interaction Learning via Self-Attentive Neural Networks. Click": {},
        "BACKGROUND: Breast cancer is common. METHODS: We": {},
        "Deep Reinforcement Learning: An Overview. We": {},
    }
    assert {text: title_acronyms(text) for text in defined} == defined
    # the title's definition is the paper's own: it wins there over another paper's (economics' WARP)
    r = AcronymResolver.of(
        [
            ("nlp", "WARP: Word-level Adversarial ReProgramming. We adapt WARP prompts to GLUE."),
            ("econ", "The weak axiom of revealed preference (WARP) fails for incomplete preferences."),
        ]
    )
    assert r.resolve("warp", "nlp", r.global_map()) == "word level adversarial reprogramming"
    assert r.resolve("warp", "econ", r.global_map()) == "weak axiom of revealed preference"


def test_a_prepositional_phrase_does_not_give_the_type():
    """The noun before 'of', 'for', 'with' ... heads the phrase: a title-defined COSTARR ends in 'for Robust
    Recognition' and was typed a task. The last word still counts where the first part tells nothing,
    and 'X by X' is one compound."""
    got = {
        k: classify(k)
        for k in (
            "consolidated open set technique with attenuation for robust recognition",
            "dataset for visual question answering",
            "continual learning in computer vision",
            "goodness of fit problem",
            "layer by layer composition",
        )
    }
    assert got == {
        "consolidated open set technique with attenuation for robust recognition": TypeDecision(
            "method", 0.8, "head:technique"
        ),
        "dataset for visual question answering": TypeDecision("dataset", 0.8, "head:dataset"),
        "continual learning in computer vision": TypeDecision("task", 0.95, "gazetteer:continual learning (in ...)"),
        "goodness of fit problem": TypeDecision("task", 0.8, "head:problem"),
        "layer by layer composition": TypeDecision("other", 0.3, "none"),
    }


def test_a_known_name_that_ends_a_phrase_types_it():
    """'image style transfer' is a kind of style transfer (a task), not a method by its head 'transfer';
    outside texts about machine learning, where these names come from, the head decides."""
    ml = ["We train a neural network for image style transfer."]
    got = {k: classify(k, (), ml) for k in ("image style transfer", "rehearsal free continual learning")}
    assert got == {
        "image style transfer": TypeDecision("task", 0.8, "gazetteer:style transfer (... style transfer)"),
        "rehearsal free continual learning": TypeDecision(
            "task", 0.8, "gazetteer:continual learning (... continual learning)"
        ),
    }
    # an exact name still wins, at its own confidence; the one-word tail is a head, not a name
    assert classify("unsupervised domain adaptation", (), ml) == TypeDecision(
        "method", 0.95, "gazetteer:unsupervised domain adaptation"
    )
    assert classify("masked language modeling", (), ml).type == "method"
    assert classify("image style transfer", (), ["Steel samples were annealed and tested."]).rule == "head:transfer"


def test_an_activity_on_a_network_is_a_method_not_a_network():
    """A phrase led by a verb's -ing form names what is done to the network it ends with."""
    ml = ["We study how vision transformers adapt."]
    keys = ("adapting vision transformer", "implementing hourglass mlp", "fine tuning language model")
    assert {k: classify(k, (), ml) for k in keys} == {
        "adapting vision transformer": TypeDecision("method", 0.5, "verb-led:adapting"),
        "implementing hourglass mlp": TypeDecision("method", 0.5, "verb-led:implementing"),
        "fine tuning language model": TypeDecision("method", 0.5, "verb-led:fine tuning"),
    }
    # a participle or an adjective before the network leaves it one
    assert classify("pretrained vision transformer", (), ml).type == "architecture"
    assert classify("pre trained language model", (), ml) == TypeDecision(
        "architecture", 0.8, "gazetteer:language model (... language model)"
    )
    assert classify("convolutional neural network", (), ml).type == "architecture"


def test_an_apposition_and_a_short_form_tell_the_type():
    """'we introduce FOCUS (Familiar Objects in Common and Uncommon Settings), a dataset for ...': the
    apposition says dataset, under the short form; 'we introduce' alone says method, and loses the tie."""
    text = context_of(
        "FOCUS: Familiar Objects in Common and Uncommon Settings. We introduce FOCUS (Familiar Objects in "
        "Common and Uncommon Settings), a dataset for stress-testing image classifiers."
    )
    key = "familiar objects in common and uncommon setting"
    assert classify(key, ("focus",), [text]) == TypeDecision("dataset", 0.6, "context:dataset")
    assert classify(key, (), [text]) == TypeDecision("other", 0.3, "none")  # the long form is never so written
    assert classify("zorblax", (), ["we introduce Zorblax, a new method"]) == TypeDecision(
        "method", 0.6, "context:method"
    )
    assert classify("zorblax", (), ["We release Zorblax, a large multilingual benchmark."]).type == "dataset"


def test_a_title_says_what_its_name_is():
    """'Name: <what it is> for ...': the head of the phrase that opens the title's second part types the name,
    after an article and adjectives; a verb there says what the work does, not what the name is."""
    cases = {
        "AfriWOZ: Corpus for Exploiting Cross-Lingual Transferability": ("dataset", "title:Corpus (head:corpus)"),
        "FEDZIP: A Compression Framework for Federated Learning": (
            "method",
            "title:Compression Framework (head:framework)",
        ),
        "torchdistill: A Modular, Configuration-Driven Framework for Knowledge Distillation": (
            "method",
            "title:Configuration Driven Framework (head:framework)",
        ),
        "ResNeSt: Split-Attention Networks. We present a modular neural network.": (
            "architecture",
            "title:Split Attention Networks (head:network)",
        ),
        "SMART: Robust and Efficient Fine-Tuning for Language Models": (
            "method",
            "title:Fine Tuning (gazetteer:fine tuning)",
        ),
        "CodeRL: Mastering Code Generation through Reinforcement Learning": ("other", "none"),
        "RadRotator: 3D Rotation of Radiographs": ("other", "none"),
    }
    for title, (t, rule) in cases.items():
        name = concept_key(title.split(":")[0])
        assert (name, classify(name, (), [context_of(title)])) == (
            name,
            TypeDecision(t, 0.6 if t != "other" else 0.3, rule),
        )
    # a known name keeps its gazetteer type; another concept in the title is not the one it names
    assert (
        classify("imagenet", (), [context_of("ImageNet: A Large-Scale Hierarchical Image Database")]).type == "dataset"
    )
    assert classify("corpus", (), [context_of("AfriWOZ: Corpus for Dialogues")]).rule == "head:corpus"


def test_acronym_resolution_is_per_paper_then_dominant():
    r = AcronymResolver()
    r.add_paper("p1", "We study continual learning (CL) on streams.")
    r.add_paper("p2", "Contrastive learning (CL) learns representations.")
    r.add_paper("p3", "A vision transformer (ViT) for video.")
    g = r.global_map()
    assert g == {"vit": "vision transformer"}  # "cl" is ambiguous corpus-wide
    assert r.resolve("cl", "p1", g) == "continual learning"
    assert r.resolve("cl", "p2", g) == "contrastive learning"
    assert r.resolve("cl", "p9", g) == "cl"
    assert r.resolve("vit", "p9", g) == "vision transformer"
    # before a generic head the acronym expands too (the generic-head merge then joins the two) ...
    assert r.resolve("vit model", "p9", g) == "vision transformer model"
    assert r.resolve("cl task", "p1", g) == "continual learning task"
    # ... but not inside a name or before a head that means something
    r.add_paper("p4", "Region-based CNN (R-CNN) detectors. Faster R-CNN and ViT encoders.")
    assert r.resolve("faster r cnn", "p4", r.global_map()) == "faster r cnn"
    assert r.resolve("vit encoder", "p9", g) == "vit encoder"


def test_types_by_rule_with_confidence():
    from conceptgraph.cli import CONCEPT_TYPES
    from concepts.typing_rules import TYPES

    assert CONCEPT_TYPES == TYPES  # `concepts --type` offers every type and no other
    assert classify("imagenet") == classify("imagenet", ())
    assert (classify("imagenet").type, classify("imagenet").confidence) == ("dataset", 0.95)
    assert classify("qm9 dataset").type == "dataset"
    assert classify("mean absolute error").rule == "head:error"
    assert classify("crossformer").rule == "shape:former$"
    # a name shape marks a coined word, not an English one that happens to end like a model name
    assert [classify(k).type for k in ("internet", "magnet", "ethernet", "hilbert")] == ["other"] * 4
    assert classify("molecule property prediction").type == "task"
    assert classify("graph neural network").type == "architecture"
    assert classify("knowledge distillation").type == "method"
    # "X analysis" is an analytical technique; the gazetteer names the analyses that are tasks
    assert [classify(k).type for k in ("isogeometric analysis", "sentiment analysis")] == ["method", "task"]
    # measurement techniques are methods ("silica column chromatography" was 'other' in ScienceIE)
    techniques = ("silica column chromatography", "solution calorimetry", "ultraviolet photometry")
    assert [classify(k).rule for k in techniques] == ["head:chromatography", "head:calorimetry", "head:photometry"]
    assert classify("zorblax").type == "other"
    assert classify("zorblax", (), ["results on the zorblax dataset"]).type == "dataset"
    # PubMed: a model organism stands in for a disease; it is no method
    assert [classify(k).rule for k in ("drosophila model", "transgenic mouse model", "mixture model")] == [
        "head:model of an organism",
        "head:model of an organism",
        "head:model",
    ]


def test_an_acronym_never_defined_is_no_substance_by_its_letters():
    """Read as a word, "FEM" and "COMSOL" are near the substances' examples (ScienceIE: finite element method,
    software); "UO2" is a formula and "alloy" a word, and both stay materials."""
    text = ["The stress field is computed with the FEM in COMSOL for the alloy and for UO2 fuel."]
    assert decided(["fem", "comsol"], text) == [("other", 0.3, "none")] * 2
    assert [t for t, _, _ in decided(["uo2", "alloy"], text)] == ["material", "material"]


def test_network_heads_and_things_outside_neural_network_papers():
    """A network, layer or encoder is an architecture where the papers are about neural nets; in
    telecommunication, materials or library papers it is infrastructure or matter, and devices and
    institutions stay 'other' instead of looking like architectures to the embedding prototypes."""
    from concepts.typing_rules import about_neural_nets

    telecom = "video on demand, distance learning and internet video over broadband networks"
    assert not about_neural_nets([telecom])  # "distance learning" is not machine learning
    assert about_neural_nets(["we study the learning ability of simple recurrent networks"])
    assert classify("broadband network", (), [telecom]) == TypeDecision(
        "other", 0.8, "head:network outside neural-network texts"
    )
    assert classify("simple recurrent network", (), ["the learning ability of simple recurrent networks"]) == (
        TypeDecision("architecture", 0.8, "head:network")
    )
    assert classify("dielectric layer", (), ["a multilayer stack with a dielectric layer"]).type == "other"
    assert classify("broadband network").type == "architecture"  # no texts: the head decides
    keys = ("internet", "ethernet", "laptop computer", "web portal", "power system", "machine translation system")
    assert decided(keys) == [
        ("other", 0.7, "prototype:artifact"),
        ("other", 0.6, "prototype:artifact"),
        ("other", 0.63, "prototype:artifact"),
        ("other", 0.63, "prototype:artifact"),
        # "X system" is a method by its head (SciERC's convention) unless it is clearly a thing
        ("other", 0.6, "prototype:artifact"),
        ("method", 0.8, "head:system"),
    ]
    # engineering papers from Inspec: an electrical transformer and an Internet backbone are no neural cues
    power = "an AC chopper with reversible voltage control and a transformer for series voltage compensation"
    backbone = "multi hour design of survivable classical IP networks for the Internet backbone"
    assert not about_neural_nets([power]) and not about_neural_nets([backbone])
    assert classify("internet backbone network", (), [backbone]).type == "other"
    vgg = "very deep convolutional networks ... our two best performing ConvNet models are available"
    assert about_neural_nets([vgg]) and about_neural_nets(["Vision Transformer-based approaches"])


def test_names_that_are_english_words_are_names_only_when_written_as_names():
    """mAP is a metric and Yelp a dataset where papers write them so; "a map" in a geography paper is neither."""
    assert classify("map", (), ["We draw a map of the roads. Maps help drivers."]) == TypeDecision(
        "other", 0.6, "gazetteer:map never written as a name"
    )
    for key, text, kind in [
        ("map", "The detector reaches 40.1 mAP on COCO.", "metric"),
        ("map", "Results: 31.2 MAP.", "metric"),
        ("yelp", "Reviews from Yelp and IMDB.", "dataset"),
        ("flop", "It needs fewer FLOPs.", "metric"),
    ]:
        assert classify(key, (), [text]) == TypeDecision(kind, 0.95, f"gazetteer:{key}")
    assert classify("clip", (), ["A short clip of the video. Clip length varies."]).type == "other"
    assert classify("map").type == "metric"  # no texts: the gazetteer decides
    # a name listed as none of our types is 'other' at the gazetteer's confidence: COVID-19 was a dataset
    covid = "We classify chest X-ray images of COVID-19 patients. The ELBo of the MMoE model drops."
    assert [classify(k, (), [covid]) for k in ("covid 19", "elbo", "mmoe")] == [
        TypeDecision("other", 0.95, "gazetteer:covid 19"),
        TypeDecision("metric", 0.95, "gazetteer:elbo"),
        TypeDecision("architecture", 0.95, "gazetteer:mmoe"),
    ]
    # a network's name shape ("-net") counts where it is written as a name, not in a title's capitals
    title = "Hot Rocks Survey of the Terrestrial Exoplanet GJ 486b. Terrestrial exoplanets orbiting M dwarfs."
    assert classify("terrestrial exoplanet", (), [title]) == TypeDecision("other", 0.3, "none")
    euclid = "We propose EuclidNets, integer neural networks."
    assert classify("euclidnet", (), [euclid]).rule == "shape:net$"
    # recurrent and convolutional variants named by their family's letters (the sample's "BiLSTM" was 'other')
    tagger = "A BiLSTM tagger beats a ConvLSTM, a BiGRU and a TextCNN, all recurrent neural networks."
    for key, rule in [("convlstm", "lstm$"), ("bigru", "gru$"), ("textcnn", "cnn$")]:
        assert classify(key, (), [tagger]) == TypeDecision("architecture", 0.7, f"shape:{rule}")
    # BiLSTM is a known name now, one of the forms of "bidirectional LSTM"
    assert classify("bilstm", (), [tagger]) == TypeDecision("architecture", 0.95, "gazetteer:bilstm")
    # ... in papers about neural networks: outside them the shape types nothing
    assert classify("euclidnet", (), ["We propose EuclidNets, integer networks."]).rule == "context:method"


def test_an_acronym_types_its_definition_only_in_its_own_field():
    """ "GaN" is in the gazetteer as a GAN; defined as gallium nitride in a materials paper it is no architecture."""
    materials = ["Gallium nitride (GaN) films were grown on sapphire substrates."]
    assert classify("gallium nitride", ("gan",), materials) == TypeDecision("material", 0.8, "head:nitride")
    gan = ["We train a generative adversarial network (GAN) on faces."]
    assert classify("face gan model", ("gan",), gan) == TypeDecision("architecture", 0.95, "gazetteer:gan")
    assert classify("gallium nitride", ("gan",)).type == "architecture"  # no texts: the acronym decides


def test_elements_and_inorganic_compounds_are_materials_by_their_head():
    """S2ORC's "lithium", "argon", "gallium nitride" and "methyl bromide" were 'other': no prototype was near
    enough. An element's name or a compound class ends a substance's name; a phrase it only modifies is no
    substance ("hydrogen bond", "carbon footprint")."""
    keys = [
        "lithium",
        "liquid hydrogen",
        "gallium nitride",
        "methyl bromide",
        "calcium sulfate",
        concept_key("aluminium"),
    ]
    assert [classify(k).rule for k in keys] == [
        "head:lithium",
        "head:hydrogen",
        "head:nitride",
        "head:bromide",
        "head:sulfate",
        "head:aluminum",
    ]
    assert {classify(k).type for k in keys} == {"material"}
    assert [classify(k).type for k in ("hydrogen bond", "carbon footprint", "lead", "oxygen vacancy")] == ["other"] * 4


def test_chemical_formulas_are_substances_outside_machine_learning_papers():
    """S2ORC's "BaNdBiO4" and "C5H5Fe" were datasets by their nearest prototypes; "GaN" was a GAN."""
    formula = TypeDecision("material", 0.7, "shape:chemical formula")
    for key, text in [("bandbio4", "Crystals of BaNdBiO4 were grown."), ("gan", "GaN films on sapphire.")]:
        assert classify(key, (), [text]) == formula
    assert classify("gan", (), ["We train a GAN on faces."]) == TypeDecision("architecture", 0.95, "gazetteer:gan")
    assert classify("cifar", (), ["CIFAR images"]).rule != formula.rule  # element letters, but no count or Xy symbol


def test_machine_learning_types_need_machine_learning_papers():
    """S2ORC's biology and physics abstracts gave "GATA4" an architecture, "magnon" a dataset and "PICU" a
    metric by their nearest prototypes, and "RH44" a dataset by its shape; in papers about neural networks
    coined names keep those types ("ConvNeXt")."""
    bio = "GATA4 regulates cardiac gene expression in mouse embryos. Levels of GATA4 rose in the heart."
    ml = "We train ConvNeXt and GATA4 networks with deep learning on images."
    ward = "Admissions to the PICU rose during the epidemic season."
    items = [
        ("gata4", (), [bio]),
        ("gata4", (), [ml]),
        ("convnext", (), [ml]),
        ("picu", (), [ward]),
        ("picu", (), ["We train a neural network to predict PICU admissions."]),
        ("magnon", (), ["Magnon excitations in the antiferromagnet were measured."]),
        ("magnon", (), []),  # no texts: nearness decides, as before
    ]
    assert [(d.type, d.confidence, d.rule) for d in classify_all(items)] == [
        ("other", 0.3, "none"),
        ("architecture", 0.52, "prototype:architecture"),
        ("architecture", 0.51, "prototype:architecture"),
        ("other", 0.3, "none"),
        ("metric", 0.49, "prototype:metric"),
        ("other", 0.3, "none"),
        ("dataset", 0.47, "prototype:dataset"),
    ]
    strain = "Bacillus subtilis ZORB42 was isolated from soil."
    assert classify("zorb42", (), [strain]) == TypeDecision("other", 0.3, "none")
    assert classify("zorb42", (), ["We train a neural network on ZORB42 images."]).type == "dataset"


def test_real_keybert_ranking_exact():
    """KeyBERT's cosine (0.65412) mixed with the best-sentence similarity (0.70694), plus position,
    length, centrality (0.14464) and last-layer attention terms (no longer candidate holds it)."""
    from concepts.extract import encode_documents
    from concepts.model import sentence_model

    got = extract([TEXT], ExtractSettings(top_n=5, min_score=0.0))
    assert got == [
        [
            ("molecule property prediction", 1.4999),
            ("graph neural network", 1.2617),
            ("QM9 dataset", 0.6653),
            ("mean absolute error", 0.4619),
        ]
    ]
    (attention,) = encode_documents(sentence_model(), [TEXT])[2]
    mpp = local_scores(TEXT, ["molecule property prediction"], [0.65412], [0.70694], [0.14464], attention=attention)
    assert round(mpp[0], 4) == 1.4999


def test_sentence_vectors_come_from_the_document_pass():
    """One transformer pass: the document vector is the model's own, and there is one vector per sentence."""
    import numpy as np

    from concepts.extract import encode_documents
    from concepts.model import sentence_model

    model = sentence_model()
    docs, sentences, attention = encode_documents(model, [TEXT, "  One sentence only  ", ""])
    assert round(float(docs[0] @ model.encode([TEXT], normalize_embeddings=True)[0]), 4) == 1.0
    assert [s.shape for s in sentences] == [(2, 384), (1, 384), (0, 384)]  # an empty text has no sentence
    assert [len(a.received) for a in attention] == [29, 3, 0]
    assert np.allclose(np.linalg.norm(sentences[0], axis=1), 1.0)


def test_attention_received_in_the_last_layer_counts_by_character_span():
    """Every word piece attends with weight 1 in all, so what the pieces receive adds up to their number;
    offsets count in the text as given (leading spaces included), and the topic's words draw the most."""
    from concepts.extract import encode_documents
    from concepts.model import sentence_model

    model = sentence_model()
    _, _, (att, padded) = encode_documents(model, [TEXT, "  One sentence only  "])
    assert round(float(att.received.sum()), 3) == len(att.received) == 29
    assert [(int(a), int(b)) for a, b in zip(padded.starts, padded.ends, strict=True)] == [(2, 5), (6, 14), (15, 19)]
    words = {w: round(att.of(TEXT.index(w), TEXT.index(w) + len(w)), 2) for w in ("molecule", "QM9", "than", "the")}
    assert words == {"molecule": 4.56, "QM9": 2.34, "the": 0.59, "than": 0.22}


def test_bfloat16_embeds_as_float32_does_and_a_bad_precision_is_named(monkeypatch):
    """CONCEPTGRAPH_PRECISION=bf16 (the default on CPUs with bfloat16 units) gives the same vectors within
    1e-3 cosine, the same ranking of this text's keyphrases, and scores within 0.01."""
    import numpy as np

    from concepts.extract import encode_documents
    from concepts.model import bf16, sentence_model

    model = sentence_model()
    phrases = ["molecule property prediction", "graph neural networks", "ImageNet", "CNN"]
    assert not bf16()
    vecs32 = encode_phrases(phrases)
    docs32, sents32, _ = encode_documents(model, [TEXT])
    ranked32 = extract([TEXT], ExtractSettings(min_score=0.0))[0]
    monkeypatch.setenv("CONCEPTGRAPH_PRECISION", "bf16")
    assert bf16()
    vecs16 = encode_phrases(phrases)
    docs16, sents16, _ = encode_documents(model, [TEXT])
    ranked16 = extract([TEXT], ExtractSettings(min_score=0.0))[0]
    assert vecs16.dtype == np.float32 and float(np.min(np.sum(vecs32 * vecs16, axis=1))) > 0.999
    assert float(docs32[0] @ docs16[0]) > 0.999 and float(np.min(np.sum(sents32[0] * sents16[0], axis=1))) > 0.999
    assert [p for p, _ in ranked16] == [p for p, _ in ranked32]
    assert max(abs(a - b) for (_, a), (_, b) in zip(ranked16, ranked32, strict=True)) < 0.01
    monkeypatch.setenv("CONCEPTGRAPH_PRECISION", "half")
    with pytest.raises(UsageError, match="CONCEPTGRAPH_PRECISION must be auto, fp32 or bf16, not 'half'"):
        bf16()


def test_min_score_and_top_n():
    got = extract([TEXT], ExtractSettings(top_n=2, min_score=1.3))
    assert got == [[("molecule property prediction", 1.4999)]]


def test_specificity_counts_candidates_over_the_corpus():
    texts = [
        "Graph neural networks for deep learning.",
        "Deep learning for protein folding.",
        "Protein folding with language models.",
    ]
    spec = specificity(texts)
    assert {k: round(v, 4) for k, v in spec.items()} == {
        "graph neural network": 1.0,
        "deep learning": 0.3691,
        "protein folding": 0.3691,
        "language model": 1.0,
    }
    pools = [
        [("graph neural network", 0.8), ("deep learning", 0.85)],
        [("deep learning", 0.7), ("protein folding", 0.6)],
    ]
    ranked = rerank_with_corpus(pools, ExtractSettings(top_n=1, min_score=0.0), spec)
    # less W_SPECIFICITY x (1 - 0.3691), plus W_KEYPHRASENESS and W_HEAD_KEYPHRASENESS: the other pool ranks
    # it, and so a "... learning", among its best too
    assert ranked == [[("deep learning", 1.3185)], [("deep learning", 1.1685)]]


def test_an_acronym_its_text_defines_takes_one_slot_with_its_definition():
    text = "Band gaps from density functional theory (DFT). DFT and the GW method agree."
    ranked = [("DFT", 0.9), ("band gaps", 0.8), ("density functional theory", 0.7), ("GW method", 0.5)]
    assert spell_acronyms(text, ranked) == [("density functional theory", 0.9), ("band gaps", 0.8), ("GW method", 0.5)]
    assert spell_acronyms("No acronym is defined here.", ranked) == ranked


def test_the_lower_of_two_nested_top_phrases_gives_way_to_a_distinct_concept():
    ranked = [("sliding mode control", 0.9), ("sliding mode", 0.8), ("chattering", 0.6), ("robust control", 0.5)]
    # W_NESTED (0.5) off "sliding mode": "chattering" and "robust control", which holds no top phrase, pass it
    assert demote_nested(ranked, 10) == [
        ("sliding mode control", 0.9),
        ("chattering", 0.6),
        ("robust control", 0.5),
        ("sliding mode", 0.3),
    ]
    assert demote_nested(ranked, 1) == ranked  # only phrases among the top compete


def test_keyphraseness_is_how_other_papers_rank_a_phrase(monkeypatch):
    """A phrase the other papers holding it put at their top gains, one they rank low does not."""
    monkeypatch.setattr(importlib.import_module("concepts.extract"), "KEYPHRASENESS_TOP", 1)
    keys = [
        ["genetic algorithm", "experimental result"],
        ["experimental result", "genetic algorithm"],
        ["genetic algorithm", "experimental result"],
        ["protein folding"],
    ]
    scores = [[0.9, 0.5], [0.8, 0.7], [0.6, 0.4], [0.5]]
    assert keyphraseness(keys, scores) == [[0.5, 0.5], [0.0, 1.0], [0.5, 0.5], [0.0]]
    # a phrase no other paper holds is judged by its head: the others put an "... algorithm" at their top,
    # never a "... result"
    keys = [["greedy algorithm", "simulation result"], ["genetic algorithm", "experimental result"]]
    keys += [["sorting algorithm", "experimental result"]]
    assert keyphraseness(keys, [[0.9, 0.5], [0.8, 0.7], [0.6, 0.4]]) == [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]
    assert head_keyphraseness(keys, [[0.9, 0.5], [0.8, 0.7], [0.6, 0.4]]) == [[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]]


def test_extract_reports_candidate_keys_so_specificity_needs_no_second_pass():
    texts = [TEXT, "Deep learning for protein folding.", "Protein folding with graph neural networks."]
    seen: list = []
    pools = extract(
        texts, ExtractSettings(top_n=3), batch_size=2, pool=True, on_batch=lambda o, r, k: seen.append((o, k))
    )
    assert [o for o, _ in seen] == [0, 2]
    keys = [k for _, ks in seen for k in ks]
    assert keys[0] == ["graph neural network", "mean absolute error", "molecule property prediction", "qm9 dataset"]
    assert keys == [candidate_keys(t) for t in texts]
    settings = ExtractSettings(top_n=3)
    assert extract_ranked(texts, settings) == rerank_with_corpus(pools, settings, specificity(texts))


def test_phrase_memory_full_forgets_and_still_ranks_every_phrase(monkeypatch):

    ex = importlib.import_module("concepts.extract")  # the package exports a function of the same name
    texts = [TEXT, "Deep learning for protein folding.", "Protein folding with graph neural networks."]
    expected = extract(texts, ExtractSettings(top_n=3), batch_size=2)
    monkeypatch.setattr(ex, "PHRASE_MEMORY", 5)  # the second batch overflows the memory
    assert extract(texts, ExtractSettings(top_n=3), batch_size=2) == expected


def test_generic_filler_is_not_a_candidate():
    from concepts.extract import doc_candidates, is_generic

    assert is_generic("state of the art") and is_generic("results") and is_generic("learning")
    assert not is_generic("transfer learning") and not is_generic("attention")
    assert list(doc_candidates("Extensive experiments show the effectiveness of our approach.").values()) == []
    # "trained" says a model has been trained, as every model has: "trained CNNs" are CNNs, "trained models" nothing
    assert list(doc_candidates("We prune trained CNNs and compare trained models.").values()) == ["CNNs"]
    # a title's genre label is not a topic; the reviewed book's subject is
    assert list(doc_candidates("Book Review: The Virtuous Journalist. Editorial. Peer review").values()) == [
        "Virtuous Journalist",
        "Peer review",
    ]
    assert list(doc_candidates("Renal problems: a symposium. Proceedings. Commentary").values()) == ["Renal problems"]
    # nor is a document's apparatus, which a table of contents lists
    toc = "CONTENTS ...... 6 ORIGINAL PUBLICATIONS ...... 9 ABBREVIATIONS ...... 11 Nitrogen fixation. References"
    assert list(doc_candidates(toc).values()) == ["Nitrogen fixation"]
    assert list(doc_candidates("Summary of the Discussions").values()) == []  # an S2ORC title
    assert list(doc_candidates("Results and Discussion. Overview of text summarization").values()) == [
        "text summarization"
    ]
    # a web address is no concept, even broken by a line wrap; nor is a citation key a lost \cite left behind
    links = (
        "Code is at https://github.com/deepmind/ deepmind-research/tree/master/nfnets and github.com/zhihou7/"
        "BatchFormer. Data: https://earthnets.github.io/. Many natural language tasks bordes2014semantic,RetrievalQA."
    )
    assert list(doc_candidates(links).values()) == ["Code", "natural language tasks", "RetrievalQA"]
    # a dotted version pair with a slash is no address: a domain ends in letters
    assert list(doc_candidates("We compare the Llama v1.5/v2 checkpoints.").values()) == ["Llama v1.5/v2 checkpoints"]
    # a patent's "comprising" is a verb, not the head of "corrosion-resistant coating comprising"
    patent = "The corrosion-resistant coating comprising at least one zinc layer is applied to a steel sheet."
    assert list(doc_candidates(patent).values()) == ["corrosion-resistant coating", "zinc layer", "steel sheet"]


def test_variants_of_one_concept_are_one_candidate():
    """Singular, plural and hyphen variants take one of a paper's top-n places, and their
    occurrences add up: three mentions count as three, not one each."""
    from concepts.extract import doc_candidate_forms, doc_candidates

    text = (
        "We build a fault-free processor. Fault-free processors tolerate faults, and fault free processors are cheap."
    )
    assert doc_candidate_forms(text) == {
        "fault-free processor": ["fault-free processor", "Fault-free processors", "fault free processors"],
        "faults": ["faults"],
    }
    assert doc_candidates(text) == {"fault-free processor": "fault-free processor", "faults": "faults"}
    import re

    import numpy as np

    from concepts.extract import TokenAttention

    words = [m.span() for m in re.finditer(r"\w+", text)]  # every word draws one unit of attention
    even = TokenAttention(np.array([a for a, _ in words]), np.array([b for _, b in words]), np.ones(len(words)))
    alone = local_scores(text, ["fault-free processor"], [0.5], attention=even)[0]
    forms = [list(doc_candidate_forms(text)["fault-free processor"])]
    together = local_scores(text, ["fault-free processor"], [0.5], forms=forms, attention=even)[0]
    # W_ATTENTION * (log 10 - log 4): 9 words drawn, not 3
    assert round(alone, 4) == 0.7443 and round(together, 4) == 1.2593


def test_a_phrase_held_by_a_longer_candidate_counts_that_against_it():
    """Every occurrence of "Euler method" here is one of "implicit Euler method": the part would
    otherwise draw the whole's attention and frequency, and outrank what the text names."""
    from concepts.extract import _containing

    assert _containing(["Euler method", "implicit Euler method", "method", "Euler"]) == [1, 0, 2, 2]
    text = "The implicit Euler method is stable. The implicit Euler method converges."
    both = local_scores(text, ["Euler method", "implicit Euler method"], [0.5, 0.5])
    alone = local_scores(text, ["Euler method"], [0.5])
    # W_INSIDE * log 2 for the one candidate that holds it; the longer phrase is earlier, by one word
    assert [round(x, 4) for x in both] == [0.3254, 0.587] and round(alone[0], 4) == 0.5756


def test_diseases_and_things_are_no_processes():
    """A head like a nominalized verb makes an untyped concept a method ("oxidation"), but S2ORC's diseases,
    conditions and things with such heads ("urinary tract infection", "cystic fibrosis", "portland cement")
    are no methods."""
    keys = ("urinary tract infection", "cystic fibrosis", "ordinary portland cement", "lettuce seedling")
    keys += ("femoral nerve lesion", "catalytic oxidation", "industry prognosis")
    assert decided(keys) == [
        ("other", 0.3, "none"),
        ("other", 0.3, "none"),
        ("material", 0.44, "prototype:material"),  # cement is a substance
        ("other", 0.3, "none"),
        ("other", 0.3, "none"),
        ("method", 0.5, "process-noun:oxidation"),
        ("task", 0.8, "head:prognosis"),
    ]


def test_instruments_and_substances_are_no_methods():
    """A measurement technique is a method even alone ("microscopy"); the instrument is not, and neither are
    substances with a process-like ending ("fuel cladding", "inverse emulsion", "cation", from ScienceIE)."""
    keys = ("microscopy", "spectrometry", "electron microscope", "fuel cladding", "inverse emulsion", "cation")
    assert decided(keys) == [
        ("method", 0.8, "head:microscopy"),
        ("method", 0.8, "head:spectrometry"),
        ("other", 0.3, "none"),
        ("material", 0.41, "prototype:material"),
        ("other", 0.3, "none"),
        ("material", 0.46, "prototype:material"),
    ]


def test_process_nouns_without_a_process_ending():
    """ "grain growth", "two-phase flows" and "sediment transport" name processes though their heads end like
    no nominalized verb; they were untyped, or materials by nearness ("crystal growth"), and ScienceIE
    annotates them as processes. A flow's quantity is still no process ("flow rate")."""
    keys = ("grain growth", "two phase flow", "sediment transport", "crystal growth", "b decay", "flow rate")
    assert [d[0] + ":" + d[2] for d in decided(keys)] == [
        "method:process-noun:growth",
        "method:process-noun:flow",
        "method:process-noun:transport",
        "method:process-noun:growth",
        "method:process-noun:decay",
        "metric:head:rate",
    ]


def test_a_task_is_named_by_what_it_does_not_by_its_place_among_tasks():
    """ "X tasks" is a task ("manipulation tasks"), unless X only places it among others ("downstream tasks"),
    and names the sample corpus left untyped are in the gazetteer ("MultiNLI", "ILSVRC-2012", "Grad-CAM")."""
    keys = ("manipulation task", "downstream task", "multiple task", "multinli", "ilsvrc 2012", "grad cam")
    keys += ("bigbigan",)
    text = ["We fine-tune deep neural networks on manipulation tasks, downstream tasks and multiple tasks."]
    assert decided(keys, text) == [
        ("task", 0.8, "head:task"),
        ("other", 0.3, "none"),
        ("other", 0.3, "none"),
        ("dataset", 0.95, "gazetteer:multinli"),
        ("dataset", 0.95, "gazetteer:ilsvrc 2012"),
        ("method", 0.95, "gazetteer:grad cam"),
        ("architecture", 0.95, "gazetteer:bigbigan"),
    ]


def test_near_the_tasks_only_an_activity_is_a_task():
    """The data of a task sits near its name ("CT images" near segmentation), so nearness to the task
    examples makes a task only of an activity: a process-noun head or a verb's -ing form first. The four
    data concepts were tasks (0.46 to 0.6) before, and images are data by their head now; "text to speech"
    was a task by nearness, now by name."""
    text = ["We train neural networks to restore video sequences and CT images and to detect novelty."]
    keys = ("video sequence", "ct image", "time series", "synthetic image", "detecting novelty")
    keys += ("localizing 3d object", "image restoration", "text to speech")
    assert decided(keys, text) == [
        ("other", 0.3, "none"),
        ("dataset", 0.8, "head:image"),
        ("other", 0.3, "none"),
        ("dataset", 0.8, "head:image"),
        ("task", 0.51, "prototype:task"),
        ("task", 0.52, "prototype:task"),
        ("task", 0.51, "prototype:task"),
        ("task", 0.95, "gazetteer:text to speech"),
    ]


def test_tools_application_areas_and_measures_by_their_heads():
    """An agent noun names a tool even alone ("parser"), "X applications" an application area (a task)
    unless X only places it among others or X is where software runs ("web applications" are programs),
    and a metric, a quality or a complexity is a metric (SciERC's "translation quality", "time complexity",
    "evaluation metric" were untyped)."""
    text = [
        "We evaluate the parser and the classifier on speech recognition applications and downstream applications."
        " Web applications and mobile applications are built on it."
    ]
    keys = ("parser", "classifier", "speech recognition application", "downstream application")
    keys += ("web application", "mobile application", "translation quality", "time complexity", "evaluation metric")
    assert decided(keys, text) == [
        ("method", 0.8, "head:parser"),
        ("method", 0.8, "head:classifier"),
        ("task", 0.8, "head:application"),
        ("other", 0.3, "none"),
        ("other", 0.66, "prototype:artifact"),
        ("other", 0.6, "prototype:artifact"),
        ("metric", 0.8, "head:quality"),
        ("metric", 0.8, "head:complexity"),
        ("metric", 0.8, "head:metric"),
    ]


def test_practices_and_faculties_are_no_processes():
    """S2AG's "Aquaculture" and "emotional intelligence" were methods by their endings (-ure, -ence); a
    closed compound of "culture" is a practice, as "culture" is no process, and intelligence is a faculty."""
    keys = ("aquaculture", "emotional intelligence", "horticulture", "catalytic oxidation")
    assert decided(keys) == [
        ("other", 0.3, "none"),
        ("other", 0.3, "none"),
        ("other", 0.49, "prototype:field"),
        ("method", 0.5, "process-noun:oxidation"),
    ]


def test_substances_are_materials_and_fields_are_no_methods():
    """Nearest to the substance examples, a concept is a material (S2ORC's "drinking water", "silver
    nanoparticle"); nearest to fields of study, it is no method though its head ends like a process
    ("teacher education", "livestock farming" were methods); a process head still beats a quantity."""
    keys = ("drinking water", "silver nanoparticle", "teacher education", "livestock farming")
    keys += ("temperature measurement", "heat", "random copolymer", "oxidation kinetics")
    assert decided(keys) == [
        ("material", 0.52, "prototype:material"),
        ("material", 0.49, "prototype:material"),
        ("other", 0.51, "prototype:field"),
        ("other", 0.45, "prototype:field"),
        ("method", 0.5, "process-noun:measurement"),
        ("other", 0.7, "prototype:quantity"),
        # below the threshold, but its head names a substance: "copolymer"; "kinetics" does not
        ("material", 0.44, "prototype:material"),
        ("other", 0.3, "none"),
    ]
    # in a paper about neural networks, the lower bar does not apply ("watermark", "tile" in vision papers)
    neural = classify_all([("random copolymer", (), ["We train a neural network."])])
    assert [(d.type, d.rule) for d in neural] == [("other", "none")]


def test_labels_lose_title_and_sentence_capitals_but_keep_names():
    """'Information Extraction' from a title reads as another concept beside 'information extraction';
    a word the abstracts write as a name ('a Bayesian network') keeps its capital, and so does a label
    an abstract writes mid-sentence ('trained on Conceptual Captions')."""
    papers = [
        SimpleNamespace(
            text="Information Extraction with Bayesian Networks. We fit a Bayesian network for information extraction.",
            abstract="We fit a Bayesian network for information extraction.",
        ),
        SimpleNamespace(
            text="Machine Learning at Scale. Machine learning on Conceptual Captions uses a Faster R-CNN detector.",
            abstract="Machine learning on Conceptual Captions uses a Faster R-CNN detector.",
        ),
    ]
    casing = Casing.of(papers)
    assert "Bayesian" in casing.named and "bayesian" not in casing.lower and "learning" in casing.lower
    assert casing.label("Information Extraction") == "information extraction"
    assert casing.label("Machine learning", [papers[1].abstract]) == "machine learning"  # a sentence's start
    assert casing.label("Bayesian Networks") == "Bayesian networks"
    assert casing.label("Conceptual Captions", [papers[1].abstract]) == "Conceptual Captions"
    assert casing.label("Large Bayesian Information Extraction") == "large Bayesian information extraction"
    for name in ("Faster R-CNN", "ImageNet", "Transformers", "ResNet models"):
        assert casing.label(name) == name
    # a title set in capitals: its words are lower case but for acronyms and names no text writes so
    assert (
        casing.label("INFORMATION EXTRACTION FOR HIGH SCHOOL STUDENTS")
        == "information extraction for high school students"
    )
    assert casing.label("NASA BAYESIAN NETWORKS ON UV IMAGES IN IT") == "NASA Bayesian networks on UV images in IT"
    assert casing.label("UNESCO HERITAGE SITES") == "UNESCO HERITAGE SITES"  # is "UNESCO" a word? no text says
    unesco = Casing.of([*papers, SimpleNamespace(text="", abstract="Sites on the UNESCO list.")])
    assert unesco.label("UNESCO HERITAGE SITES") == "UNESCO heritage sites"
    assert casing.label("SHARJAH MUSEUMS") == "SHARJAH MUSEUMS"  # a name or a word: no text says
    assert casing.label("FASTER R-CNN DETECTOR") == "Faster R-CNN detector"  # an abstract writes "a Faster R-CNN"
    assert casing.label("CNN") == "CNN"
