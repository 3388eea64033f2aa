"""What the reliability campaigns share: the CLI as a child process, its environment, the corpus
generator, a free port."""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-c", "from counterclaim.cli.main import main; main()"]


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a CLI child: one thread per library (the machine is shared), plus ``extra``."""
    return {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false", **extra}


def corpus_generator():
    """``bench/make_corpus.py`` as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
