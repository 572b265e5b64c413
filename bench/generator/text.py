"""Texts in eight languages: titles, proposal bodies, comments, display names.

Sentences come from corpus.json (the demo's texts, see extract_corpus.py) and from a word
chain trained on them, so 100,000 proposals do not all repeat the same few hundred sentences.
Everything is drawn from the random generator passed in: the same seed gives the same texts.
"""

import json
import math
import random
from functools import lru_cache
from pathlib import Path

from bench.generator.draw import between, pick
from config import LANGUAGES

CORPUS = Path(__file__).with_name("corpus.json")
SENTENCE_POOL = 2_500  # generated sentences per language, drawn once per run

TITLE_LENGTH = (30, 140)
BODY_LENGTH = (300, 2_500)
COMMENT_LENGTH = (40, 1_200)

# How often each language is an account's interface language and a text's language.
LANGUAGE_WEIGHTS = {
    "de": 46,
    "tr": 12,
    "ar": 11,
    "ru": 8,
    "uk": 8,
    "pl": 6,
    "fa": 5,
    "en": 4,
}

_NAMES = {
    "de": "Anna Thomas Katrin Jonas Sabine Stefan Julia Michael Laura Peter Monika Lukas Heike "
    "Felix Ursula Jan Petra Tobias Claudia Hans-Peter",
    "en": "Grace James Emily Daniel Sarah David Olivia Samuel Hannah John Ruth Kwame Amara "
    "Joseph Mary Chloe",
    "tr": "Ayşe Mehmet Elif Mustafa Zeynep Ahmet Emine Hüseyin Fatma Murat Hatice Yusuf Selin "
    "Emre Derya Burak",
    "ar": "أحمد سميرة محمد فاطمة علي مريم خالد ليلى عمر نور يوسف رنا حسن هبة سامي دعاء",
    "fa": "رضا فریده مریم علی زهرا حسین نرگس محمد سارا امید شیرین مهدی لیلا بهرام",
    "pl": "Agnieszka Piotr Katarzyna Tomasz Magdalena Paweł Anna Marcin Joanna Krzysztof Ewa "
    "Michał",
    "ru": "Ирина Дмитрий Наталья Сергей Ольга Алексей Елена Андрей Татьяна Михаил Светлана Игорь",
    "uk": "Олена Андрій Оксана Тарас Наталія Богдан Ірина Олександр Мар'яна Дмитро Софія Василь",
}
FIRST_NAMES = {code: names.split() for code, names in _NAMES.items()}
INITIALS = {
    "de": "ABDFGHKLMNPRSTWZ",
    "en": "ABCDEHJKMOPRSTW",
    "tr": "ABÇDEGKMÖSŞTYZ",
    "ar": "ابحرسعمنهي",
    "fa": "ابحرسکمنهی",
    "pl": "BDGKLMNPSWZ",
    "ru": "АБВГДКЛМНПС",
    "uk": "АБВГДКЛМНПС",
}
_FULL_STOP = {"ar": ".", "fa": "."}


@lru_cache(maxsize=1)
def corpus() -> dict:
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def weighted_languages() -> tuple[list[str], list[int]]:
    codes = [code for code in LANGUAGES]
    return codes, [LANGUAGE_WEIGHTS[code] for code in codes]


def skewed_length(rng: random.Random, low: int, high: int, median: float) -> int:
    """A length between low and high, log-normally spread around median (long tail)."""
    value = rng.lognormvariate(math.log(median), 0.6)
    return int(min(high, max(low, value)))


class _Chain:
    """A first-order word chain of one language: plausible sentences in that language."""

    def __init__(self, sentences: list[str]):
        self.starts: list[str] = []
        self.following: dict[str, list[str]] = {}
        for sentence in sentences:
            words = sentence.split()
            if len(words) < 3:
                continue
            self.starts.append(words[0])
            for current, nxt in zip(words, [*words[1:], ""], strict=True):
                self.following.setdefault(current, []).append(nxt)

    def sentence(self, rng: random.Random, full_stop: str) -> str:
        words = [pick(rng, self.starts)]
        while len(words) < 40:
            nxt = pick(rng, self.following.get(words[-1]) or [""])
            if not nxt:
                break
            words.append(nxt)
        text = " ".join(words)
        if text[-1] not in ".!?؟:":
            text = text.rstrip(",;–-") + full_stop
        return text


class TextMaker:
    """Titles, bodies and comments of one run (sentence pools are built from `rng`)."""

    def __init__(self, rng: random.Random):
        self.pools: dict[str, list[str]] = {}
        self.titles: dict[str, list[str]] = {}
        for code in LANGUAGES:
            data = corpus()[code]
            chain = _Chain(data["sentences"])
            stop = _FULL_STOP.get(code, ".")
            made = [chain.sentence(rng, stop) for _ in range(SENTENCE_POOL)]
            pool = [s for s in made if 15 <= len(s) <= 300] + data["sentences"]
            self.pools[code] = pool
            self.titles[code] = data["titles"]

    def sentence(self, rng: random.Random, language: str) -> str:
        pool = self.pools[language]
        return pool[int(rng.random() * len(pool))]

    def title(self, rng: random.Random, language: str) -> str:
        low, high = TITLE_LENGTH
        target = skewed_length(rng, low, high, 60)
        if self.titles[language] and rng.random() < 0.15:
            text = rng.choice(self.titles[language])
        else:
            text = self.sentence(rng, language)
        while len(text) < low:
            text = f"{text} {self.sentence(rng, language)}"
        if len(text) > target:
            cut = text.rfind(" ", low, target + 1)
            if cut < 0:
                cut = text.find(" ", target, high)
            text = text[: cut if cut > 0 else high]
        text = text.rstrip(" .,;:–-!?؟")
        if len(text) < low:
            text = (text + " " + self.sentence(rng, language))[:high].rstrip()
        return text[:1].upper() + text[1:]

    def _text(self, rng: random.Random, language: str, low: int, high: int, median: float) -> str:
        target = skewed_length(rng, low, high, median)
        paragraphs: list[str] = []
        length = 0
        while length < target:
            if paragraphs and length > 400 and rng.random() < 0.12:
                items = [self.sentence(rng, language) for _ in range(between(rng, 2, 4))]
                paragraph = "\n".join(f"- {item}" for item in items)
            else:
                count = between(rng, 1, 4)
                paragraph = " ".join(self.sentence(rng, language) for _ in range(count))
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
        text = "\n\n".join(paragraphs)
        if len(text) > high:
            cut = text.rfind(" ", low, high)
            text = text[: cut if cut > 0 else high].rstrip(" ,;–-") + "."
        while len(text) < low:
            text = f"{text} {self.sentence(rng, language)}"[:high]
        return text

    def body(self, rng: random.Random, language: str, room: int = 0) -> str:
        """A proposal's text; `room` characters shorter at most, for a sentence added later."""
        low, high = BODY_LENGTH
        return self._text(rng, language, low, high - room, median=800)

    def comment(self, rng: random.Random, language: str) -> str:
        return self._text(rng, language, *COMMENT_LENGTH, median=180)

    @staticmethod
    def display_name(rng: random.Random, language: str) -> str:
        return f"{rng.choice(FIRST_NAMES[language])} {rng.choice(INITIALS[language])}."
