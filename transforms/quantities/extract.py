"""Quantity expressions of one text (a sentence), with code-point offsets into that text.

Span convention: a span covers the qualifier, the number (digits, words, scale), the range's
second number, and the unit or the counted noun (with a partitive من): `حوالي 6700 حاوية`,
`أكثر من 3 ملايين طلقة`, `عشرات الملايين من القذائف`, `بين 10 و20 قتيلا`, `10 ماخ`. A calibre
covers the number and unit only (`152 ملم`); its object is read from the noun phrase before عيار.
Proclitic prepositions and conjunctions are outside the span (`ليومين` -> `يومين`, `بـ50` -> `50`),
the article stays (`الأسبوعين`). Count expressions without digits are found too: indefinite duals
of countable nouns (`صاروخين`), dual time units (`يومين`), a definite cardinal after a definite
plural (`السنوات الأربع`), noun + واحد (`صاروخا باليستيا واحدا`), and a qualified singular time
unit (`حوالي ساعة` = about 1 hour).

Years, dates, clock times, scores, list markers and numbers inside designations (`سويوز-2`,
`لونا 25`, `BM-21`, `الدقيقة 59`) are never quantities (see exclusions.py); years and dates come
out as time expressions (timex.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.quantities.exclusions import blocked, unit_at
from transforms.quantities.lexicon import Lexicon, Unit, clitic_forms, is_definite, lexicon, norm
from transforms.quantities.numbers import LEADING_CLITICS, parse_number
from transforms.quantities.objects import clean, is_content_word, object_of, singular
from transforms.quantities.phrases import bare_stem, match_after, match_before, stem_start, word_split
from transforms.quantities.timex import TimeExpr, find_time_expressions
from transforms.quantities.tokens import Tok, skip_norm_prefix, tokenize

ONE = frozenset({"واحد", "واحدا", "واحده"})
AFTER_NOUN = dict.fromkeys(ONE, 1.0) | dict.fromkeys(("اثنين", "اثنان", "اثنتين", "اثنتان"), 2.0)  # صاروخا واحدا، فلسطينيين اثنين
TEN_WORDS = frozenset({"عشر", "عشره"})
CHANGE_WINDOW = 12  # tokens before من in which a change verb turns من X إلى Y into two values
NISBA_ENDINGS = ("ي", "يه", "يا")  # adjectives such as باليستيا that may sit between noun and واحد
SCALE_KINDS = ("scale", "scale_plural", "scale_dual")
CALIBER_UNITS = ("mm", "cm")
DUAL_CLITICS = ("وب", "ول", "ب", "ل", "و", "ف")  # proclitics of an open dual, longest first (بخيارين)
DUAL_ENDINGS = ("ين", "تان")  # open and feminine duals (-تين ends in -ين)
POSSESSIVES = ("هم", "هن", "ها", "نا", "كم", "ه")  # pronoun suffixes that make a noun definite: أقاربهم


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    kind: str
    object: str | None


@dataclass(slots=True)
class Draft:
    """A quantity being assembled: token range [first, last) and char range [start, end)."""

    first: int
    last: int
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    kind: str = "count"
    object: str | None = None
    open_tail: bool = False  # a unit or counted noun may follow
    definite_tail: bool = False  # vague magnitudes take a definite object: مئات المسيرات
    partitive_only: bool = False  # a definite magnitude (بالعشرات) takes its object through من only

    def set_unit(self, unit: Unit) -> None:
        self.unit, self.kind = unit.unit, unit.kind

    def freeze(self) -> Quantity:
        return Quantity(self.start, self.end, self.value, self.low, self.high, self.qualifier, self.unit, self.kind, self.object)


class Extractor:
    """Finds quantities and time expressions in a text; holds only the read-only lexicon."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self.duals = {form: spelling for key, spelling in self.lex.countable.items() for form in _dual_forms(key)}
        self.range_cues = {role: dict.fromkeys(self.lex.cues[role], True) for role in ("range_between", "range_from")}
        self.known_singulars = frozenset(norm(s) for s in self.lex.plurals.values()) | frozenset(self.lex.countable)
        self.starters = self._starters()

    def _starters(self) -> frozenset[str]:
        """Normal forms (with proclitics) of the words at which a rule of `_quantity_at` can fire: number
        words, vague magnitudes, dual units, countable duals, واحد / اثنين and time units. Most tokens
        are none of these, and testing one set spares them the rules (digits and -ين / -تان duals are
        let through by `_starts`)."""
        lex = self.lex
        dual_units = (form for form, (_, stem) in clitic_forms(lex.units).items() if lex.units[stem].count is not None)
        time_units = (word for word, unit in lex.units.items() if unit.kind == "duration")
        return frozenset((*clitic_forms(lex.number_words), *clitic_forms(lex.vague), *clitic_forms(self.duals), *dual_units, *AFTER_NOUN, *time_units))

    def _starts(self, toks: list[Tok]) -> list[int]:
        """The tokens at which a rule of `_quantity_at` may fire (see `_starters`)."""
        starters = self.starters
        return [i for i, tok in enumerate(toks) if tok.kind == "num" or tok.norm in starters or tok.norm.endswith(DUAL_ENDINGS)]

    def extract(self, text: str) -> tuple[list[Quantity], list[TimeExpr]]:
        toks = tokenize(text)
        times = find_time_expressions(toks, self.lex, lambda j: self._unit_or_scale(toks, j))
        starts = self._starts(toks)
        if not starts:
            return [], times  # (most sentences: no number, no count word)
        used = blocked(toks, self.lex)
        for t in times:
            used[t.first_tok : t.last_tok + 1] = [True] * (t.last_tok + 1 - t.first_tok)
        out: list[Quantity] = []
        free = 0  # first token after the last quantity found
        for i in starts:
            draft = None if i < free or used[i] else self._quantity_at(toks, i, used, out)
            if draft is not None:
                used[draft.first : draft.last] = [True] * (draft.last - draft.first)
                out.append(draft.freeze())
                free = draft.last
        return out, times

    def _unit_at(self, toks: list[Tok], j: int) -> tuple[int, Unit, int] | None:
        return unit_at(toks, j, self.lex)

    def _unit_or_scale(self, toks: list[Tok], j: int) -> bool:
        if j >= len(toks):
            return False
        word = self.lex.number_words.get(toks[j].norm)
        return self._unit_at(toks, j) is not None or (word is not None and word.kind in SCALE_KINDS)

    # -- the kinds of quantity expression ---------------------------------------------------

    def _quantity_at(self, toks: list[Tok], i: int, used: list[bool], out: list[Quantity]) -> Draft | None:
        if toks[i].kind != "num" and toks[i].norm not in self.starters:
            draft = self._feminine_dual(toks, i) or self._open_dual(toks, i)  # a word in -ين / -تان (see `_starts`)
        else:
            draft = (
                self._vague(toks, i)
                or self._one(toks, i, used)
                or self._number(toks, i, used)
                or self._dual(toks, i)
                or self._definite_cardinal(toks, i, used)
                or self._qualified_unit(toks, i, used)
            )
        if draft is None:
            return None
        if draft.open_tail:
            self._tail(toks, draft, used)
        self._qualify(toks, draft, used)
        if draft.unit in CALIBER_UNITS:
            self._caliber(toks, draft, out)
        return draft

    def _vague(self, toks: list[Tok], i: int) -> Draft | None:
        """عشرات، مئات الآلاف، بضعة آلاف: a low/high range, no point value."""
        split = word_split(toks[i], self.lex.vague)
        if split is None:
            return None
        low, high = self.lex.vague[split[1]]
        j = i + 1
        if j < len(toks) and (scale := word_split(toks[j], self.lex.number_words)) and scale[0] in ("", "ال"):
            word = self.lex.number_words[scale[1]]
            if word.kind == "scale_plural":
                low, high, j = low * word.value, (high + 1) * word.value - 1, j + 1
        d = Draft(i, j, stem_start(toks[i], split[0]), toks[j - 1].end, None, low, high, "approx", open_tail=True, definite_tail=True)
        d.partitive_only = is_definite(split[0]) and j == i + 1
        return d

    def _number(self, toks: list[Tok], i: int, used: list[bool]) -> Draft | None:
        span = parse_number(toks, i, self.lex)
        if span is None or used[span.end - 1]:
            return None
        tok = toks[i]
        if tok.kind == "word" and span.end == i + 1 and tok.norm[span.lead :] in ONE:
            return None  # a lone واحد is "one of", not a count; see _one
        if self._is_fraction(tok) and span.end == i + 1 and self._unit_at(toks, span.end) is None:
            return None  # نصف counts only before a scale or a unit
        draft = Draft(i, span.end, tok.start + skip_norm_prefix(tok.text, span.lead), toks[span.end - 1].end, span.value, open_tail=True)
        draft.partitive_only = tok.kind == "word" and span.end == i + 1 and span.value == 2  # اثنان أطلقا (but اثنين من المرشحين)
        sign = toks[i - 1] if i and tok.glued and not used[i - 1] else None
        if sign is not None and sign.kind == "punct" and sign.norm in self.lex.units:  # $50, %50 (typed right to left)
            draft.first, draft.start, draft.open_tail = i - 1, sign.start, False
            draft.set_unit(self.lex.units[sign.norm])
            return draft
        self._range(toks, draft, used)
        return draft

    def _range(self, toks: list[Tok], d: Draft, used: list[bool]) -> None:
        """بين 10 و20، بين ألفين وثلاثة آلاف، من 10 إلى 20، ثلاث إلى خمس سنوات، 10-20: widen to a range."""
        j, lex = d.last, self.lex
        if j + 1 >= len(toks) or d.value is None:
            return
        cue, k = None, j + 1  # k: where the second number starts
        if toks[j].norm.startswith("و") and d.first >= 1:
            cue = self._cue_before(toks, d.first, "range_between")
            k = j + 1 if toks[j].norm == "و" else j
        elif toks[j].norm in lex.cues["range_to"] and not self._change_before(toks, d.first):
            cue = self._cue_before(toks, d.first, "range_from") or (d.first, d.start)
        elif toks[j].text == "-" and toks[d.first].kind == "num":
            cue = (d.first, d.start)
        if cue is None or used[k]:
            return
        second = parse_number(toks, k, lex)
        if second is None or second.value == d.value or (k == j and second.lead != 1):
            return
        if second.value < d.value and toks[j].norm not in lex.cues["range_to"]:
            return  # only "X إلى Y" may run downwards (300 ، 000 إلى 10 ، 000 سنة مضت)
        if cue == (d.first, d.start) and toks[j].text != "-" and not (self._unit_or_scale(toks, second.end) or self._counted_next(toks, second.end)):
            return  # a bare "X إلى Y" is too loose to call a range
        low = d.value * second.scale if d.value < 1000 <= second.scale and d.value * second.scale < second.value else d.value
        low, high = min(low, second.value), max(low, second.value)
        d.low, d.high, d.value, d.qualifier = low, high, None, "range"  # بين عشرة وعشرين ألفا
        d.first, d.start, d.last, d.end = cue[0], cue[1], second.end, toks[second.end - 1].end

    def _change_before(self, toks: list[Tok], s: int) -> bool:
        """ارتفع العدد من 287 إلى 518: a change verb or noun shortly before means two values, not a range."""
        return any(word_split(t, self.lex.cues["change"]) for t in toks[max(0, s - CHANGE_WINDOW) : s])

    def _is_fraction(self, tok: Tok) -> bool:
        split = word_split(tok, self.lex.number_words)
        return split is not None and self.lex.number_words[split[1]].kind == "fraction"

    def _counted_next(self, toks: list[Tok], j: int) -> bool:
        return j < len(toks) and self._object_word(toks[j], False)

    def _cue_before(self, toks: list[Tok], s: int, role: str) -> tuple[int, int] | None:
        hit = match_before(toks, s, self.range_cues[role], 2)
        return (hit[0], hit[1]) if hit else None

    def _dual(self, toks: list[Tok], i: int) -> Draft | None:
        """يومين، الأسبوعين (time units, any definiteness); صاروخين، مرتين (indefinite countable nouns)."""
        tok = toks[i]
        split = word_split(tok, self.lex.units)
        if split and (unit := self.lex.units[split[1]]).count is not None and not self._names_follow(toks, i):
            d = Draft(i, i + 1, stem_start(tok, split[0]), tok.end, unit.count)
            d.set_unit(unit)
            return d
        split = word_split(tok, self.duals)
        if split and split[0] in LEADING_CLITICS:
            return Draft(i, i + 1, stem_start(tok, split[0]), tok.end, 2.0, object=self.duals[split[1]])
        return self._feminine_dual(toks, i) or self._open_dual(toks, i)

    def _names_follow(self, toks: list[Tok], i: int) -> bool:
        """العامين 1987 و1988، القرنين العاشر والحادي عشر: a dual time unit naming the years or the
        ordinals that follow counts nothing."""
        if i + 1 >= len(toks):
            return False
        nxt = toks[i + 1]
        return (nxt.kind == "num" and len(nxt.norm) == 4) or word_split(nxt, self.lex.ordinals) is not None

    def _feminine_dual(self, toks: list[Tok], i: int) -> Draft | None:
        """اتفاقيتين، دولتين عربيتين: an indefinite -تين/-تان is a feminine dual (the plural is -ات) when
        the stem ends in ي (nisba nouns) or an adjective in -تين/-تان agrees with it; names such as
        بوتين have too short a stem."""
        tok = toks[i]
        if tok.kind != "word" or not tok.norm.endswith(("تين", "تان")):
            return None
        pre, stem = bare_stem(tok)
        if pre or not stem.endswith(("تين", "تان")) or len(stem) < 6 or stem[:1] in "وف" or stem.endswith("ستان"):
            return None  # (أفغانستان)
        if i and toks[i - 1].norm.endswith(("تين", "تان")) and not toks[i - 1].norm.endswith("ستان"):
            return None  # an agreeing adjective: طائرتين اسرائيليتين (but كردستان صفقتين)
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if not (stem[-4] == "ي" or (nxt.endswith(("تين", "تان")) and not nxt.startswith("ال"))):
            return None
        return Draft(i, i + 1, tok.start, tok.end, 2.0, object=clean(tok.text)[:-3] + "ة")

    def _open_dual(self, toks: list[Tok], i: int) -> Draft | None:
        """قرضين حجمهما، محركين قويين، جلسة أو جلستين، بخيارين: an indefinite noun in -ين outside
        countable.csv is a dual count when (1) its stem has none of the shapes of sound masculine
        plurals (participles in م-، فاعل، nisbas in -ي، verbal nouns تفعيل) and is not a known broken
        plural, name or plural adjective (cues `not_dual`), and (2) its context says "two": a dual
        pronoun or an agreeing -ين adjective after it, أو before it, or an attached ب (not ل, which
        often comes before names: لبكانين)."""
        tok = toks[i]
        word = tok.norm
        if tok.kind != "word" or not word.endswith("ين") or word.startswith("لل"):
            return None
        if i and toks[i - 1].norm.endswith("ين") and is_content_word(toks[i - 1], self.lex):
            return None  # an agreeing adjective after a dual (but بين قوتين)
        pre = next((p for p in DUAL_CLITICS if word.startswith(p) and len(word) - len(p) >= len(p) + 4), "")
        if pre and _feminine_singular(word[:-2]) in self.known_singulars:
            pre = ""  # لجنتين is لجنة + dual, not ل + جنتين
        noun, stem = word[len(pre) :], word[len(pre) : -2]
        if noun.startswith("ال") or not (_dual_shape(stem, noun) and _dual_shape(word[:-2], word)) or self.lex.cue(noun, "not_dual") or noun in self.lex.plurals:
            return None  # (both readings must fit: لافتين is not ل + افتين)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        agreeing = nxt is not None and not bare_stem(nxt)[0] and is_content_word(nxt, self.lex) and _adjective_dual(nxt.norm)
        if not (pre in ("ب", "وب") or agreeing or (nxt is not None and nxt.norm.endswith("هما")) or (i and toks[i - 1].norm == "او")):
            return None
        surface = clean(tok.text[skip_norm_prefix(tok.text, len(pre)) :])[:-2]
        feminine = stem.endswith("ت") and (len(stem) >= 4 or (agreeing and nxt.norm.endswith("تين")))  # قوتين رئيسيتين
        return Draft(i, i + 1, stem_start(tok, pre), tok.end, 2.0, object=surface[:-1] + "ة" if feminine else surface)

    def _definite_cardinal(self, toks: list[Tok], i: int, used: list[bool]) -> Draft | None:
        """السنوات الأربع، الأعوام المئة، الأوراق العلمية الأربعة: a count after a definite plural."""
        split = word_split(toks[i], self.lex.number_words)
        if split is None or not is_definite(split[0]):
            return None
        word = self.lex.number_words[split[1]]
        teen = i + 1 < len(toks) and toks[i + 1].norm in TEN_WORDS and word.kind in ("unit", "teen_only")
        if not teen and (word.kind not in ("unit", "ten", "tens", "hundred", "hundreds") or word.value < 3):
            return None
        value, last = word.value, i + 1
        if teen:
            value, last = value + 10, last + 1  # الخمسة عشر، الاثني عشر
        elif word.kind == "unit" and last < len(toks) and (tens := word_split(toks[last], self.lex.number_words)) and tens[0] == "وال":
            if self.lex.number_words[tens[1]].kind == "tens":
                value, last = value + self.lex.number_words[tens[1]].value, last + 1  # الثماني والأربعين ساعة
        unit = self._unit_at(toks, last)
        if unit is not None and not used[last]:  # الثلاثين يوما
            d = Draft(i, last + unit[0], stem_start(toks[i], split[0]), toks[last + unit[0] - 1].end, value)
            d.set_unit(unit[1])
            return d
        small = word.kind in ("unit", "ten")
        head = self._definite_head(toks, i, used, small)
        if head is None:
            return self._noun_after_definite(toks, i, last, value, used) if small else None
        pre, stem = bare_stem(toks[head])
        if not pre and (owned := self._owned(toks[head])):
            pre, stem = owned  # زوجاته الثلاث، واعوانه الستة
        d = Draft(head, last, stem_start(toks[head], pre), toks[last - 1].end, value)
        self._name_noun(toks[head], pre, stem, d)
        if d.object and stem not in self.lex.plurals and norm(d.object).endswith(("ين", "ون")):
            d.object = d.object[:-2]  # the head is known to be plural here: الفائزين الستة -> فائز
        return d

    def _noun_after_definite(self, toks: list[Tok], i: int, last: int, value: float, used: list[bool]) -> Draft | None:
        """الأربع لغات: a definite cardinal 3-10 before an indefinite plural (the number agrees with it)."""
        if last >= len(toks) or used[last] or not self._object_word(toks[last], False):
            return None
        pre, stem = bare_stem(toks[last])
        if not self._plural_like(stem):
            return None
        d = Draft(i, last + 1, toks[i].start, toks[last].end, value)
        self._name_noun(toks[last], pre, stem, d)
        return d

    def _definite_head(self, toks: list[Tok], i: int, used: list[bool], small: bool) -> int | None:
        """The plural noun a definite cardinal counts: السنوات الأربع، الاعضاء الدائمين الخمسة (past an
        adjective in -ين)، أعضاء المجلس الخمسة عشر (an idafa head before a definite genitive). After a
        singular, tens and hundreds are ordinals (القرن العشرين); 3-10 are not, so any definite noun
        that is not a nisba adjective will do there (الأباطرة التسعة)."""
        for k in (i - 1, i - 2):
            if k < 0 or used[k] or not is_content_word(toks[k], self.lex):
                return None
            pre, stem = bare_stem(toks[k])
            if not pre and k == i - 1:
                return k if self._owned(toks[k]) else None  # زوجاته الثلاث، أقاربهم الخمسة
            sound = stem.endswith(("ين", "ون"))
            adjective = sound and k > 0 and bool(bare_stem(toks[k - 1])[0]) and is_content_word(toks[k - 1], self.lex)
            if self._plural_like(stem) and not adjective:
                return k
            if not pre:
                return None
        k = i - 1
        pre, stem = bare_stem(toks[k])
        return k if small and pre and not stem.endswith(NISBA_ENDINGS) else None

    def _one(self, toks: list[Tok], i: int, used: list[bool]) -> Draft | None:
        """صاروخا باليستيا واحدا، فلسطينيين اثنين: an indefinite noun (and adjectives) followed by واحد or
        by اثنين (after a plural or dual noun only: not مقتل اثنين)."""
        value = AFTER_NOUN.get(toks[i].norm)
        if value is None or (i + 1 < len(toks) and toks[i + 1].norm == "من" and toks[i - 1].norm not in self.lex.units):
            return None  # واحدة من = "one of" (but بعد شهر واحد من مقتله)
        head = i - 1
        if head >= 1 and toks[head].norm.endswith(NISBA_ENDINGS) and toks[head].norm not in self.lex.units:  # (not جنيه واحد)
            head -= 1  # صاروخا باليستيا واحدا: skip one adjective
        if head < 0 or any(used[head:i]) or not is_content_word(toks[head], self.lex):
            return None
        clause = toks[head].norm[0] in "وف" and not toks[head].norm.endswith(("ين", "ات"))  # وقال، فأصيب (not فلسطينيين)
        if bare_stem(toks[head])[0] in ("ال", "وال") or self.lex.cue(toks[head].norm, "idiom_one") or clause:
            return None  # (بال may start باليستيا, so only a plain article stops the phrase)
        pre, stem = word_split(toks[head], self.lex.units) or ("", toks[head].norm)  # ليوم واحد
        if value == 2 and not (self._plural_like(stem) or stem.endswith("ان")):
            return None
        d = Draft(head, i + 1, stem_start(toks[head], pre), toks[i].end, value)
        self._name_noun(toks[head], pre, stem, d)
        return d

    def _qualified_unit(self, toks: list[Tok], i: int, used: list[bool]) -> Draft | None:
        """حوالي ساعة، نحو أسبوع: a qualified singular time unit counts one."""
        tok = toks[i]
        unit = self.lex.units.get(tok.norm)
        if unit is None or unit.kind != "duration" or tok.norm in self.lex.plurals:
            return None
        if i + 1 < len(toks) and toks[i + 1].kind == "num":
            return None  # حوالي سنة 3100: the unit word is a year cue
        hit = match_before(toks, i, self.lex.qualifiers_before, self.lex.qualifier_max_words)
        if hit is None or any(used[hit[0] : i]):
            return None
        d = Draft(i, i + 1, tok.start, tok.end, 1.0)
        d.set_unit(unit)
        return d

    # -- what follows and precedes the number -----------------------------------------------

    def _tail(self, toks: list[Tok], d: Draft, used: list[bool]) -> None:
        """Attach the unit, or the counted noun (directly or through a partitive من)."""
        j = d.last
        if j >= len(toks) or used[j]:
            return
        unit = self._unit_at(toks, j)
        if unit is not None:
            d.set_unit(unit[1])
            d.last, d.end = j + unit[0], toks[j + unit[0] - 1].end
            return
        tok = toks[j]
        if not d.partitive_only and (self._object_word(tok, d.definite_tail) or self._accusative_noun(d.value, tok)) and self._agrees(d.value, tok):
            self._name_noun(tok, *bare_stem(tok), d)
            d.last, d.end = j + 1, tok.end
        elif tok.norm in self.lex.cues["partitive"] and j + 1 < len(toks) and not used[j + 1]:
            noun = toks[j + 1]
            pre, stem = bare_stem(noun)
            construct = j + 2 < len(toks) and bare_stem(toks[j + 2])[0] != ""
            if not pre and not construct and (owned := self._possessed(stem)):
                stem, construct = owned, True  # من أقاربهم، من أتباعه
            large = d.value is not None and d.value >= 1000  # نحو 60 ألفا من سكان الإقليم
            sound_construct = construct and not pre and len(stem) >= 5 and stem.endswith("ي")  # ثلاثة من معتنقي الاسلام
            tabled = stem in self.lex.plurals  # من أعضاء منظمة: a known plural needs no article
            if self._object_word(noun, True) and (pre or construct or large or tabled) and (self._plural_like(stem) or sound_construct or d.definite_tail or large):
                surface = clean(noun.text[skip_norm_prefix(noun.text, len(pre)) :])[: len(stem)]
                if stem in self.lex.units:
                    self._name_noun(noun, pre, stem, d)  # مليارات من الدولارات: a unit, no object
                else:
                    d.object = self.lex.plurals.get(stem) or (surface[:-1] if sound_construct and stem + "ن" not in self.lex.plurals else singular(surface, self.lex))
                d.last, d.end = j + 2, noun.end

    def _possessed(self, stem: str) -> str | None:
        """The plural under a pronoun suffix (أقاربهم -> أقارب، زوجاته -> زوجات). A lone ه reads like
        the ة of a singular, so it counts as a suffix only after an -ات plural or a tabled one."""
        for suffix in POSSESSIVES:
            noun = stem[: -len(suffix)]
            if stem.endswith(suffix) and len(noun) > 2 and (suffix != "ه" or noun in self.lex.plurals or noun.endswith("ات")):
                return noun
        return None

    def _owned(self, tok: Tok) -> tuple[str, str] | None:
        """(conjunction, plural) of a plural noun with a pronoun suffix: زوجاته -> ("", زوجات), واعوانه -> (و, اعوان)."""
        for pre in ("", "و"):
            noun = self._possessed(tok.norm[len(pre) :]) if tok.norm.startswith(pre) else None
            if noun and self._plural_like(noun):
                return pre, noun
        return None

    def _agrees(self, value: float | None, tok: Tok) -> bool:
        """Number-noun agreement of written Arabic: 3-10 take a plural (not ثلاث سعة), 11-99 an
        accusative singular, which shows as final alef unless the noun ends in ة (not 99 حيث)."""
        word = tok.norm
        if value is None or value != int(value) or word in self.lex.units or word in self.lex.plurals:
            return True
        if word.endswith("وا") and (len(word) > 4 or not 11 <= value <= 99):
            return False  # عشرة قتلوا، 14 اعتقلوا: a plural verb (11-99 take an accusative: 15 عضوا)
        if 3 <= value <= 10:  # (plurals of the pattern أفعلة end in ة: ثلاثة أنظمة)
            return not word.endswith("ا") and (not word.endswith("ه") or (len(word) == 5 and word[0] == "ا"))
        if 11 <= value <= 99:  # (a known singular passes too: أكثر من 60 نظام)
            return word.endswith(("ا", "ه", "ي", "ء", "ى")) or word in self.known_singulars
        return True

    def _accusative_noun(self, value: float | None, tok: Tok) -> bool:
        """After 11-99 a و-initial word ending in ة or tanween alef is a noun (خمسين وحدة، عشرين وفدا);
        after larger numbers a short one ending in ة (2900 وحدة)."""
        if value is None or value < 11 or tok.kind != "word" or tok.norm[:1] != "و" or not is_content_word(tok, self.lex):
            return False
        if value > 99:  # a short noun only: 2900 وحدة (but 1883 واتفاقية is و + a noun)
            return tok.norm.endswith("ه") and len(tok.norm) <= 5
        return tok.norm.endswith(("ه", "ا")) and not tok.norm.endswith("وا")

    def _plural_like(self, stem: str) -> bool:
        """Plural by the table or by its ending (مواطنين، مسيرات، مقاتلي+ن)."""
        return stem in self.lex.plurals or stem + "ن" in self.lex.plurals or stem.endswith(("ات", "ين", "ون"))

    def _object_word(self, tok: Tok, definite_ok: bool) -> bool:
        if not is_content_word(tok, self.lex):
            return False
        pre, stem = bare_stem(tok)
        if pre and not definite_ok:
            return False
        if tok.norm[0] == "و" and not pre and not self._plural_like(stem) and stem not in self.lex.units:
            return False  # وقال، وأصيب: a new clause, not a noun (ف starts too many nouns: فيلم، فريق)
        return not (tok.norm[0] in "بلك" and (tok.norm[1:] in self.lex.plurals or tok.norm[1:] in self.lex.units))  # اثنين بهجمات

    def _name_noun(self, tok: Tok, pre: str, stem: str, d: Draft) -> None:
        """Unit if the noun is one (الأعوام -> year), else the counted object."""
        unit = self.lex.units.get(stem)
        if unit is not None:
            d.set_unit(unit)
        else:  # (the stem may stop before a pronoun suffix: زوجاته -> زوجات)
            d.object = singular(clean(tok.text[skip_norm_prefix(tok.text, len(pre)) :])[: len(stem)], self.lex)

    def _qualify(self, toks: list[Tok], d: Draft, used: list[bool]) -> None:
        lex = self.lex
        hit = match_before(toks, d.first, lex.qualifiers_before, lex.qualifier_max_words)
        if hit and not any(used[hit[0] : d.first]):
            d.first, d.start = hit[0], hit[1]
            if d.qualifier == "exact":
                d.qualifier = hit[2]
        after = match_after(toks, d.last, lex.qualifiers_after, lex.qualifier_max_words) if d.last < len(toks) else None
        if after and not any(used[d.last : d.last + after[0]]):
            d.last += after[0]
            d.end = toks[d.last - 1].end
            if d.qualifier == "exact":
                d.qualifier = after[1]

    def _caliber(self, toks: list[Tok], d: Draft, out: list[Quantity]) -> None:
        """عيار 152 ملم، صواريخ 122 ملم، ... و155 ملم: a calibre, with the weapon as object."""
        lex, c = self.lex, d.first - 1
        if c < 0:
            return
        prev = toks[c]
        if word_split(prev, lex.cues["caliber"]):
            k = c - 1 if c >= 1 and toks[c - 1].norm == "من" else c
            head = _np_head(toks, k - 1, lex)
            d.kind, d.object = "caliber", object_of(toks[head], lex) if head is not None else None
        elif split := word_split(prev, lex.cues["caliber_head"]):
            d.kind, d.object = "caliber", singular(prev.text[skip_norm_prefix(prev.text, len(split[0])) :], lex)
        elif prev.norm == "و" and out and out[-1].kind == "caliber" and out[-1].end <= prev.start:
            d.kind, d.object = "caliber", out[-1].object


def _np_head(toks: list[Tok], k: int, lex: Lexicon) -> int | None:
    """Head of the noun phrase ending at token k: قذائف in قذائف المدفعية، الصواريخ in بالصواريخ."""
    head = None
    for _ in range(4):
        if k < 0 or not is_content_word(toks[k], lex):
            break
        pre, _ = bare_stem(toks[k])
        head = k
        if pre != "ال":  # an indefinite idafa head, or a prepositional phrase start (بالصواريخ)
            break
        k -= 1
    return head


def _dual_shape(stem: str, word: str) -> bool:
    """A stem in -ين that cannot be a sound masculine plural: not a participle (مسلحين، لاعبين), a nisba
    (مدنيين) or a تفعيل verbal noun (تأمين), not ي-initial (verbs, names: يلتسين), neither too long nor
    ending in a long vowel (names: أينشتاين), and long enough not to be a singular (سجين، حين)."""
    return 3 <= len(stem) <= 6 and stem[0] not in "مي" and stem[1] != "ا" and stem[-1] not in "ايو" and not (len(word) == 5 and word[0] == "ت")


def _adjective_dual(word: str) -> bool:
    """An indefinite adjective in -ين of a common adjective shape: nisba (قويين، اقتصاديين), participle
    (مسلحين، متطورين), فعيل (جديدين، كبيرين) or a feminine dual (رئيسيتين); a second name in -ين
    (ستيفين كورين) has none of them."""
    stem = word[:-2]
    return word.endswith("ين") and len(stem) >= 3 and (stem.endswith(("ي", "ت")) or stem[0] == "م" or (len(stem) == 4 and stem[2] == "ي"))


def _feminine_singular(stem: str) -> str:
    """Normal form of the singular behind a dual stem: لجنت -> لجنه, قرض -> قرض."""
    return stem[:-1] + "ه" if stem.endswith("ت") else stem


def _dual_forms(singular_norm: str) -> tuple[str, str]:
    base = singular_norm[:-1] + "ت" if singular_norm.endswith("ه") else singular_norm
    return base + "ين", base + "ان"

