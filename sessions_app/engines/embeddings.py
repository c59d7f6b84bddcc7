"""Sentence embeddings from WordLlama, whose model (weights and tokenizer) ships inside its
wheel: nothing is downloaded, ever. Loaded once per process, on first use (a server loads it
as each worker starts: ``engines_warm_up``); the README gives its load time and memory.
"""

import functools
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL_CONFIG = "l2_supercat"
MODEL_DIM = 256


_loading = threading.Lock()


def _model() -> Any:  # wordllama.WordLlama, imported on first use
    # One load per process, even when a server's threads all ask at once.
    with _loading:
        return _load()


@functools.cache
def _load() -> Any:
    # Importing wordllama calls logging.basicConfig(level=INFO), which would give the root
    # logger a handler and a level of its own; the app's logging stays as settings made it.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import wordllama

    root.handlers[:] = handlers
    root.setLevel(level)

    # The package's own folder holds weights/ and tokenizers/; pointed there with downloads
    # disabled, the loader finds both and never reaches for the network.
    return wordllama.WordLlama.load(
        config=MODEL_CONFIG,
        dim=MODEL_DIM,
        cache_dir=Path(wordllama.__file__).parent,
        disable_download=True,
    )


def embed(texts: Sequence[str], *, unit: bool = True) -> np.ndarray:
    """One vector per text, of unit length unless ``unit`` is false (a row of zeros for a
    text with no known word)."""
    vectors = np.asarray(_model().embed(list(texts)), dtype=np.float32)
    if not unit:
        return vectors
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)
