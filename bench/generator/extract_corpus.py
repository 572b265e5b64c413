"""Build corpus.json (the generator's sentences and titles per language) from the demo texts.

Run once when the demo texts change: `.venv/bin/python -m bench.generator.extract_corpus`.
The generator reads only corpus.json, so generated content does not change with the demo
until this is run again (then raise GENERATOR_VERSION in bench/generator/scales.py).
"""

import json
import re
from pathlib import Path

from config import LANGUAGES

OUTPUT = Path(__file__).with_name("corpus.json")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
_LIST_MARK = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")


def _collect(value, language, texts, titles) -> None:
    if isinstance(value, dict):
        if (
            value
            and set(value) <= set(LANGUAGES)
            and all(isinstance(v, str) for v in value.values())
        ):
            for code, text in value.items():
                texts[code].append(text)
            return
        own = value.get("lang") if isinstance(value.get("lang"), str) else language
        for key, item in value.items():
            if key == "title" and isinstance(item, str) and own:
                titles[own].append(item)
            elif key == "text" and isinstance(item, str) and own:
                texts[own].append(item)
            else:
                _collect(item, own, texts, titles)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, language, texts, titles)


def sentences(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        line = _LIST_MARK.sub("", line).replace("**", "").strip()
        for sentence in _SENTENCE_END.split(line):
            sentence = sentence.strip()
            if 12 <= len(sentence) <= 320:
                found.append(sentence)
    return found


def build() -> dict:
    import app.demo_content as demo_content
    import app.seed as seed

    texts = {code: [] for code in LANGUAGES}
    titles = {code: [] for code in LANGUAGES}
    for module in (seed, demo_content):
        for name in dir(module):
            if name.isupper():
                _collect(getattr(module, name), None, texts, titles)
    corpus = {}
    for code in LANGUAGES:
        unique = list(dict.fromkeys(s for text in texts[code] for s in sentences(text)))
        corpus[code] = {
            "sentences": unique,
            "titles": list(dict.fromkeys(t.strip() for t in titles[code] if t.strip())),
        }
    return corpus


def main() -> None:
    corpus = build()
    OUTPUT.write_text(json.dumps(corpus, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    for code, data in corpus.items():
        print(code, len(data["sentences"]), "sentences", len(data["titles"]), "titles")


if __name__ == "__main__":
    main()
