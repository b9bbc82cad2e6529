"""Scripts → plain Latin letters, tuned for the names of this population.

We write our own tables instead of using ICU: PyICU needs compiling against libicu, and the
general-purpose ICU transliterators romanise letter by letter, whereas names need the
conventions of the people who write them down (Arabic و as "u" inside a name, ة as "a",
the Ukrainian г as "h"). The output only has to make two spellings of one name meet in the
phonetic key; it is not a transliteration standard to print.
"""

import re
import unicodedata
from functools import lru_cache

# Arabic and Persian letters. Short vowels are not written in Arabic script, so
# the consonant skeleton is what a Latin spelling and an Arabic spelling share.
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "dh", "ط": "t", "ظ": "dh",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ى": "a", "ة": "a", "ۀ": "e",
    # Persian and Dari letters
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k",
    # short-vowel marks, where someone wrote them
    "\u064e": "a", "\u064f": "u", "\u0650": "i",
}  # fmt: skip
_ARABIC_DROP = set("\u064b\u064c\u064d\u0652\u0640\u200c\u200d")  # tanwin, sukun, tatweel, ZWNJ
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
_SHADDA = "\u0651"
_AYN = "ع"
_WAW = "و"
_YEH = {"ي", "ی"}
_HEH = "ه"
_VOWEL_LETTERS = {"ا", "أ", "إ", "آ", "ى", "ة"}
_DIGRAPH_FIRST = set("tskdgzcp")

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "yu",
    "я": "ya", "ё": "yo", "ы": "y", "э": "e", "ъ": "", "'": "", "ʼ": "",
}  # fmt: skip

_GEORGIAN = dict(
    zip(
        "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
        "a b g d e v z t i k l m n o p zh r s t u p k gh q sh ch ts dz ts ch kh j h".split(),
        strict=True,
    )
)

# Ge'ez (Tigrinya, Amharic) is a syllabary laid out in Unicode as rows of one consonant with
# seven vowel orders; Eritrean spellings write the first order as "e" and the sixth as nothing.
_GEEZ_ROWS = {
    0x1200: "h", 0x1208: "l", 0x1210: "h", 0x1218: "m", 0x1220: "s", 0x1228: "r", 0x1230: "s",
    0x1238: "sh", 0x1240: "q", 0x1250: "q", 0x1260: "b", 0x1268: "v", 0x1270: "t",
    0x1278: "ch", 0x1280: "h", 0x1290: "n", 0x1298: "ny", 0x12A0: "", 0x12A8: "k",
    0x12B8: "k", 0x12C8: "w", 0x12D0: "", 0x12D8: "z", 0x12E0: "zh", 0x12E8: "y",
    0x12F0: "d", 0x12F8: "d", 0x1300: "j", 0x1308: "g", 0x1320: "t", 0x1328: "ch",
    0x1330: "p", 0x1338: "ts", 0x1340: "ts", 0x1348: "f", 0x1350: "p",
}  # fmt: skip
_GEEZ_VOWELS = ("e", "u", "i", "a", "e", "", "o", "wa")
_GEEZ = {
    chr(start + order): consonant + vowel
    for start, consonant in _GEEZ_ROWS.items()
    for order, vowel in enumerate(_GEEZ_VOWELS)
}
# Glottal rows (አ, ዐ) carry their vowel alone; the sixth order is then a short "e".
_GEEZ.update({chr(0x12A0 + 5): "e", chr(0x12D0 + 5): "e"})

_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ə": "a", "ø": "oe", "æ": "ae"}
_GERMAN |= {"ç": "ch", "ş": "sh"}  # Turkish: Çelik ~ Tschelik, Şahin ~ Schahin
_TABLES = {**_CYRILLIC, **_GEORGIAN, **_GEEZ, **_GERMAN}
_APOSTROPHES = re.compile(r"['’ʼʻ`´ʿʾ]")
_NON_LETTERS = re.compile(r"[^a-z]+")


def has_non_latin(text: str) -> bool:
    return any(ord(ch) > 0x24F for ch in text if ch.isalpha())


def _arabic_letter(word: str, index: int) -> str:
    """One Arabic letter in its context: و and ي are vowels inside a word, consonants first."""
    ch = word[index]
    prev = word[index - 1] if index else ""
    nxt = word[index + 1] if index + 1 < len(word) else ""
    if ch == _AYN:  # a vowel at the start of a name, also after the article (Al-Obaidi)
        return "a" if index == 0 or (index == 2 and word.startswith("ال")) else ""
    consonant = index == 0 or nxt in _VOWEL_LETTERS or prev in _VOWEL_LETTERS
    if ch == _WAW:  # Kaveh کاوه, Javad جواد, but Yusuf يوسف
        return "w" if consonant else "u"
    if ch in _YEH:
        return "y" if consonant else "i"
    if ch == _HEH and index == len(word) - 1 and index > 0:
        return "e" if prev not in _VOWEL_LETTERS else "h"
    if ch == _SHADDA:
        return ""
    return _ARABIC.get(ch, "")


def _arabic_word(word: str) -> str:
    out: list[str] = []
    for index, ch in enumerate(word):
        if ch in _ARABIC_DROP:
            continue
        if ch == _SHADDA and out:
            out.append(out[-1][-1:])  # shadda doubles the consonant before it
            continue
        latin = _arabic_letter(word, index)
        if latin == "h" and out and out[-1][-1:] in _DIGRAPH_FIRST:
            latin = "eh"  # ت + ه is "teh" (Tehrani), not the digraph "th"
        out.append(latin)
    return "".join(out)


# ض and ظ are d/dh in Arabic names and z in Persian ones (Rida / Reza): "dh" gives both keys.
# Persian "-ایی" is written -aei, -ai or -aee in Latin (Rezaei).
_PERSIAN_ENDINGS = ("ایی", "ائی")


def _arabic_to_latin(text: str) -> str:
    words = []
    for word in text.split():
        if word.endswith(_PERSIAN_ENDINGS) and len(word) > 3:
            words.append(_arabic_word(word[:-3]) + "aei")
        else:
            words.append(_arabic_word(word))
    return " ".join(words)


@lru_cache(maxsize=200_000)
def to_latin(text: str) -> str:
    """Lower-case ASCII letters and spaces for any name in the scripts this population writes."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if _ARABIC_LETTERS.search(text):
        text = _arabic_to_latin(text)
    text = "".join(_TABLES.get(ch, ch) for ch in text)
    text = _APOSTROPHES.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_LETTERS.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def script_form(text: str) -> str:
    """A name as written in its original script, with letter variants that carry no meaning
    (hamza seats, Persian and Arabic yeh and kaf, ta marbuta) folded; empty for Latin."""
    if not has_non_latin(text):
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    folded = text.translate(_SCRIPT_FOLD)
    return " ".join(folded.split())


_SCRIPT_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "ـ": None}
    | {chr(c): None for c in range(0x064B, 0x0653)}
)
