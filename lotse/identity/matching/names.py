"""Names: split into parts, fold each part to a canonical text, and derive phonetic keys.

A name part ("token") keeps several forms because no single normalised string is safe (brief,
section 9): "Alhassan" is "al" + "Hassan", but "Alizadeh" is not "al" + "izadeh". Comparison
takes the best pair of forms; blocking indexes every key.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from lotse.identity.matching.script import script_form, to_latin
from lotse.identity.matching.variants import (
    ABD_PREFIX,
    CANONICAL,
    DIN_SUFFIX,
    FAMILIES,
    PARTICLES,
    SCRIPT_CANONICAL,
)

_SPLIT = re.compile(r"[\s\-‐,./_]+")
_ABD_JOINED = re.compile(r"^abd[aeiou]?l?(?P<rest>[a-z]{3,})$")
_DIN_JOINED = re.compile(r"^(?P<head>[a-z]{3,}?)[aeiou]?d?din(?:e)?$")
_ARTICLE_JOINED = re.compile(r"^(?:al|el)(?P<rest>[a-z]{3,})$")
_ABU = frozenset({"abu", "abou", "abo"})


@dataclass(frozen=True, slots=True)
class NameToken:
    """One part of a name: `texts` are canonical Latin forms (first is the main one),
    `skeletons` the phonetic keys of all forms, `script` the original-script form if any."""

    display: str
    texts: tuple[str, ...]
    skeletons: frozenset[str]
    script: str = ""

    @property
    def text(self) -> str:
        return self.texts[0]

    @property
    def known(self) -> bool:
        return self.text in FAMILIES


# --- phonetic keys ------------------------------------------------------------------------------
# Consonant classes that transliterations confuse; vowels are dropped because Arabic script does
# not write short vowels and Latin spellings of one name disagree mostly in vowels.
_PRIMARY = [
    ("dsch", "J"), ("tsch", "C"), ("sch", "S"), ("dzh", "J"), ("zh", "J"), ("dj", "J"),
    ("sh", "S"), ("kh", "H"), ("ch", "H"), ("gh", "G"), ("ph", "F"), ("th", "T"), ("dh", "T"),
    ("ck", "K"), ("ts", "S"), ("tz", "S"), ("x", "H"),
]  # fmt: skip
# The second key reads the ambiguous letters the other way: French "ch" (Cherif), Levantine
# "th" as "s" (Osman), Egyptian "g" and Turkish "c" for Arabic jim.
_SECONDARY = [
    ("dsch", "J"), ("tsch", "C"), ("sch", "S"), ("dzh", "J"), ("zh", "J"), ("dj", "J"),
    ("sh", "S"), ("kh", "H"), ("ch", "S"), ("gh", "G"), ("ph", "F"), ("th", "S"), ("dh", "S"),
    ("ck", "K"), ("ts", "S"), ("tz", "S"), ("x", "KS"), ("c", "J"), ("g", "J"),
]  # fmt: skip
# The third reads "ch" as k (Michael, Woldemichael) and Persian "gh" like "q" (Ghaderi, Qaderi).
_TERTIARY = [
    ("dsch", "J"), ("tsch", "C"), ("sch", "S"), ("dzh", "J"), ("zh", "J"), ("dj", "J"),
    ("sh", "S"), ("kh", "H"), ("ch", "K"), ("gh", "K"), ("ph", "F"), ("th", "T"), ("dh", "T"),
    ("ck", "K"), ("ts", "S"), ("tz", "S"), ("x", "KS"),
]  # fmt: skip
# The fourth reads "ch" as English and Ukrainian "ch", German "tsch" (Shevchenko, Schewtschenko).
_QUATERNARY = [
    ("dsch", "J"), ("tsch", "C"), ("sch", "S"), ("dzh", "J"), ("zh", "J"), ("dj", "J"),
    ("sh", "S"), ("kh", "H"), ("tch", "C"), ("ch", "C"), ("gh", "G"), ("ph", "F"), ("th", "T"),
    ("dh", "T"), ("ck", "K"), ("ts", "S"), ("tz", "S"), ("x", "KS"),
]  # fmt: skip
_TABLES = (_PRIMARY, _SECONDARY, _TERTIARY, _QUATERNARY)
_SINGLE = str.maketrans(
    {"q": "K", "k": "K", "c": "K", "j": "J", "d": "T", "t": "T", "z": "S", "s": "S",
     "b": "B", "p": "B", "f": "F", "h": "H", "g": "G", "l": "L", "m": "M",
     "n": "N", "r": "R"}
)  # fmt: skip
_VOWELS = set("aeiou")
_DOUBLED = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_INNER_H = re.compile(r"(?<=[aeiou])h(?=[aeiou])")


def _semivowels(text: str) -> str:
    """y is a consonant before a vowel at the start or after a vowel (Yusuf, Hayat) and a vowel
    elsewhere (Zeinab, Maryam ~ Mariam). w and v count only at the start (Walid, Vahid): inside
    a name Arabic and Persian script write them with the same letter as the vowel u
    (Mousavi ~ موسوی read "musui", Darwish ~ درويش, Dawood ~ Daud, Kovalenko ~ Kowalenko)."""
    out = []
    for index, ch in enumerate(text):
        nxt = text[index + 1] if index + 1 < len(text) else ""
        prev = text[index - 1] if index else ""
        if ch == "y":
            # after i it only marks the vowel (Anastasiya ~ Anastasiia, Mariya ~ Maria)
            consonant = nxt in _VOWELS and (not prev or prev in "aeou")
            out.append("J" if consonant else "a")
        elif ch == "j" and prev in ("t", "l") and nxt in _VOWELS:
            out.append("a")  # German "Artjom", "Tatjana", "Ljudmila": j softens the t or l
        elif ch == "j" and prev in ("o", "i", "e") and nxt not in _VOWELS:
            out.append("a")  # German j for i/y: "Olijnyk" ~ "Oliinyk", "Bojko" ~ "Boiko"
        elif ch in "wv":
            out.append("W" if index == 0 else "a")
        else:
            out.append(ch)
    return "".join(out)


def _skeleton(text: str, table: list[tuple[str, str]]) -> str:
    text = _FINAL_H.sub("", _DOUBLED.sub(r"\1", text))
    lead = "V" if text[:1] in _VOWELS else ""
    for pattern, repl in table:
        text = text.replace(pattern, repl)
    text = _semivowels(text).translate(_SINGLE)
    consonants = "".join(ch for ch in text if ch.isupper())
    return lead + re.sub(r"(.)\1+", r"\1", consonants)


@lru_cache(maxsize=100_000)
def skeletons(text: str) -> frozenset[str]:
    """The population-aware phonetic keys of one canonical name text."""
    if not text:
        return frozenset()
    keys = {_skeleton(text, table) for table in _TABLES}
    # Arabic script writes an inner y as the vowel i (Somaya ~ سمیه "smie", Hayat ~ حیات).
    keys.add(_skeleton(text[:1] + text[1:].replace("y", "i"), _PRIMARY))
    # An h between vowels is often not written (Zabihullah ~ Zabiullah).
    keys.add(_skeleton(_INNER_H.sub("", text), _PRIMARY))
    # Somali spelling writes ayn as c (Cali ~ Ali, Saciid ~ Said) and h as x (Xasan).
    if "c" in text and "ch" not in text and "ck" not in text:
        keys.add(_skeleton(text.replace("c", "") or text, _PRIMARY))
    # A final h is silent in Latin (Saleh, Fatemeh) but may be ح in the script (صالح "salh").
    keys |= {key[:-1] for key in keys if key.endswith("H") and len(key) > 2}
    return frozenset(keys) - {""}


# --- canonical forms -----------------------------------------------------------------------------
def canonical(word: str) -> str:
    """The spelling family of a folded word, or the word with doubled letters and a final
    silent h after a vowel removed (Fatimah, Fatemeh)."""
    if word in CANONICAL:
        return CANONICAL[word]
    single = _DOUBLED.sub(r"\1", word)
    if single.endswith("at") and single[:-1] in CANONICAL:
        return CANONICAL[single[:-1]]  # ta marbuta spoken: Aishat, Aminat (Nigeria, Turkey)
    return CANONICAL.get(single) or _FINAL_H.sub("", single)


def _abd_compound(rest: str) -> str:
    rest = _ARTICLE_JOINED.sub(r"\g<rest>", rest) if rest.startswith(("al", "el")) else rest
    return "abd" + canonical(_DOUBLED.sub(r"\1", rest))


def _forms(word: str) -> tuple[str, ...]:
    """All canonical forms of one folded word: itself, and its parts when it is joined."""
    forms = [canonical(word)]
    if (match := _ABD_JOINED.match(word)) and word not in CANONICAL:
        forms.insert(0, _abd_compound(match["rest"]))
    elif match := _ARTICLE_JOINED.match(word):
        forms.append(canonical(match["rest"]))
    if (match := _DIN_JOINED.match(word)) and word not in CANONICAL:
        forms.append(canonical(match["head"]) + "din")
    # the word as written, too: "Osman" is closer to Somali "Cusmaan" than its family "othman"
    forms.append(_DOUBLED.sub(r"\1", word))
    return tuple(dict.fromkeys(forms))


def _make_token(display: str, forms: tuple[str, ...], script: str = "") -> NameToken:
    keys = frozenset().union(*(skeletons(form) for form in forms))
    return NameToken(display=display, texts=forms, skeletons=keys, script=script)


def _word_token(word: str) -> NameToken | None:
    script = script_form(word)
    latin = to_latin(word).replace(" ", "")
    if not latin:
        return None
    forms = _forms(latin)
    known = SCRIPT_CANONICAL.get(script) or SCRIPT_CANONICAL.get(script.removeprefix("ال"))
    if script and known:
        forms = (known, *forms)
    return _make_token(word, tuple(dict.fromkeys(forms)), script)


def _with_prefix(prefix: str, display: str, token: NameToken) -> NameToken:
    text = _abd_compound(token.text) if prefix == "abd" else prefix + token.text
    # No script form: the compound's script spelling ("عبد الرحمن" / "عبدالرحمن") varies too much.
    return _make_token(f"{display} {token.display}", (text,))


@lru_cache(maxsize=200_000)
def tokenize(name: str) -> tuple[NameToken, ...]:
    """Split one name field into tokens, binding particles ("al", "bin") and compounds
    ("Abd al-Rahman", "Nur ad-Din", "Abu Bakr") the way their bearers use them."""
    tokens: list[NameToken] = []
    pending = ""  # an "abd" or "abu" waiting for the word it belongs to
    pending_display = ""
    for word in _SPLIT.split(name.strip()):
        folded = to_latin(word).replace(" ", "")
        if not folded or folded in PARTICLES:
            continue
        if folded in ABD_PREFIX or folded in _ABU:
            pending, pending_display = ("abd" if folded in ABD_PREFIX else "abu"), word
            continue
        if folded in DIN_SUFFIX and tokens:
            previous = tokens.pop()
            tokens.append(_din(previous))
            continue
        token = _word_token(word)
        if token is None:
            continue
        if pending:
            token = _with_prefix(pending, pending_display, token)
            pending = ""
        tokens.append(token)
    if pending and (token := _word_token(pending_display)):
        tokens.append(token)
    return tuple(tokens)


def _din(previous: NameToken) -> NameToken:
    return _make_token(f"{previous.display} din", (previous.text + "din",))


def join_tokens(tokens: tuple[NameToken, ...]) -> NameToken:
    """Adjacent parts written as one word ("Mohammad Reza" ~ "Mohammadreza")."""
    text = "".join(token.text for token in tokens)
    return _make_token(" ".join(t.display for t in tokens), (text,))


# --- similarity of two tokens --------------------------------------------------------------------
@lru_cache(maxsize=1_000_000)
def _text_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if a in FAMILIES and b in FAMILIES:
        return 0.3  # two known, different names: Hassan is not Hussein
    jaro = JaroWinkler.similarity(a, b)
    if skeletons(a) & skeletons(b):
        return 0.7 + 0.3 * jaro
    return jaro * 0.95 if jaro >= 0.85 else 0.0


def similarity(a: NameToken, b: NameToken) -> float:
    """0..1: 1 for one name however spelt, ~0.9 for a transliteration variant or a typo,
    0.3 for two known different names, 0 for unrelated names."""
    if a.known and b.known and a.text != b.text:
        return 0.3  # two known, different names, whatever their other forms look like
    if a.script and b.script and a.script != b.script:
        # Both in the original script and written differently: the script decides, since
        # it separates names that every Latin spelling merges (حسن Hassan, حسين Hussein).
        return min(0.6, _best(a, b))
    return _best(a, b)


def _best(a: NameToken, b: NameToken) -> float:
    best = 0.0
    for text_a in a.texts:
        for text_b in b.texts:
            value = (
                _text_similarity(text_a, text_b)
                if text_a <= text_b
                else _text_similarity(text_b, text_a)
            )
            best = max(best, value)
    return best
