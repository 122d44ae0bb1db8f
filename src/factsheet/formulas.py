"""Label step for the figures of a worked calculation ("Minimum wage for this month : $8,800 (220 hours X $40)",
"rest day pay is $10,200 ÷ 31 days X 4 days = $1,316.1"), where the clause around a figure is operators and other
figures and says nothing of it. An operand is named, in this order, by the gloss written after it ("$40 (SMW
rate)"), by the term written before it ("─ rest day pay of $1,316.1"), or, with no words of its own, by what it
is a part of: the term before its bracket ("overtime pay (4 X $60)"), the lead-in of the sum its bracket breaks
down ("... for this month : $8,800 (220 hours X $40)"), or the term a chain of operations starts from; a sum of
money multiplied by hours, days or pieces is the rate per one of them. An empty answer leaves the figure to the
clause labeller."""

from __future__ import annotations

import re
from functools import cache

from factsheet.grammar import alternation, words
from factsheet.spans import CLAUSE_REACH

# what a term may end with before its figure ("rest day pay of", "meal break pay is :", "i.e.")
TERM_TAIL = re.compile(r"(?:\s*(?:\b(?:of|is|are|was|were|at|be|being)\b|(?<!\w)(?:i\.e\.|e\.g\.))\s*:?|\s*[:,])+\s*$",
                       re.I)
TERM_HEAD = re.compile(r"^(?:\s*(?:i\.e\.|e\.g\.|\(\w{1,3}\)|the|and|or)\s+)+", re.I)
NUMBER = re.compile(r"(?:[A-Z]{0,3}[$£€¥]\s?)?\d[\d,]*(?:\.\d+)?")
GLOSS = re.compile(r"\s*(?:per\s+[a-z]+\s*)?\(([^()\d]{3,60})\)")  # "$40 (SMW rate)", "208.75 hours (total ...)"
UNIT_AFTER = re.compile(r"\s*(?:per\s+[a-z]+)?")  # "$360 per day": the rate's unit goes with the figure
TERM_REACH = 80  # chars: a term is a phrase, not the sentence before it


@cache
def _operator() -> re.Pattern[str]:
    """An arithmetic sign standing alone between spaces (grammar: words.toml [operators] and [formula_signs])."""
    signs = [*words("operators"), *words("formula_signs")]
    return re.compile(rf"(?<!\S)(?:{alternation(signs)})(?!\S)")


def _next_sign(text: str, pos: int, limit: int) -> str:
    """The operator or bracket right after pos (spaces, a "per day" and a gloss skipped), or ""."""
    m = UNIT_AFTER.match(text, pos, limit)
    pos = m.end() if m else pos
    g = GLOSS.match(text, pos, limit)
    pos = g.end() if g else pos
    rest = text[pos:limit].lstrip()
    op = _operator().match(rest)
    return op.group(0) if op else rest[:1] if rest[:1] in ")" else ""


def _prev_sign(text: str, lo: int, pos: int) -> str:
    left = text[lo:pos].rstrip()
    op = re.search(rf"(?:{_operator().pattern}|[(:])$", left)
    return op.group(0) if op else ""


def _open_bracket(text: str, lo: int, pos: int) -> int:
    """Where the bracket around pos opens (within the sentence), or -1."""
    depth = 0
    for i in range(pos - 1, lo - 1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                return i
            depth -= 1
    return -1


def _close_bracket(text: str, start: int, hi: int) -> int:
    depth = 0
    for i in range(start, hi):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return hi


def _has_operator(text: str, a: int, b: int) -> bool:
    return bool(_operator().search(text, a, b))


def _term_before(text: str, lo: int, pos: int) -> str:
    """The words just before pos back to the nearest operator, bracket, colon or figure ("rest day pay")."""
    a = max(lo, pos - TERM_REACH)
    if a > lo and text[a - 1].isalnum():
        a = text.find(" ", a, pos) + 1 or pos  # the window starts at a word
    left = TERM_TAIL.sub("", text[a:pos])
    if re.search(rf"(?:{NUMBER.pattern})\s*$", left):
        return ""  # "meal break pay is $843.3 (...)": the bracket is the figure's, whose term is further back
    cuts = [m.end() for m in _operator().finditer(left)] + [i + 1 for i, ch in enumerate(left) if ch in "():;,➡"]
    term = left[max(cuts, default=0) :]
    term = TERM_HEAD.sub("", TERM_TAIL.sub("", term)).strip(" ,")
    return term if re.search(r"[^\W\d_]{2}", term) else ""


def _phrase_after(text: str, end: int, hi: int) -> str:
    """A phrase an operand carries after it, up to the next sign ("27 days from Monday to Saturday X ...")."""
    m = re.match(rf"\s+((?:{alternation(words('operand_modifiers'))})\s[^\d(),;:]{{3,50}}?)\s*"
                 rf"(?=(?:{_operator().pattern})|[),;]|$)", text[end:hi])
    return m.group(1) if m else ""


def _lead_in(text: str, lo: int, colon: int) -> str:
    """The lead-in a sum after a colon is the value of ("(2) Wages payable ... this month :"), its list number
    dropped."""
    left = text[lo:colon]
    cut = max(left.rfind(":"), left.rfind(";"), left.rfind("➡"))
    return TERM_HEAD.sub("", left[cut + 1 :]).strip(" ,")


def _rate_unit(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """'per hour' when the sum at start..end is multiplied by hours ("220 hours X $40", "$100 X 85 pieces")."""
    before = re.search(r"\d\s*([a-z]+)\s+[X×x]\s*$", text[lo:start])
    after = re.match(r"\s*[X×x]\s+\d[\d,.]*\s*([a-z]+)", text[end:hi])
    noun = (before or after).group(1) if before or after else ""
    if not noun or noun == "per":
        return ""
    return "per " + (noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun)


@cache
def _chain() -> re.Pattern[str]:
    """Operands and signs up to a figure: "$10,200 ÷ 31 days X 4 days = " before the result."""
    operand = rf"{NUMBER.pattern}(?:\s*[a-z]+)?(?:\s+per\s+[a-z]+)?"
    return re.compile(rf"(?:{operand}\s*(?:{_operator().pattern})\s*)+$")


def _time_rate(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """'hours per day' for a duration operand written as a rate ("27 days from Monday to Saturday X 8 hours per
    day"), with the phrase of the factor it multiplies: "Hours per day from Monday to Saturday"."""
    per = re.match(r"\s+per\s+([a-z]+)\b", text[end:hi])
    noun = re.search(r"[a-z]+$", text[start:end])
    if not per or not noun:
        return ""
    factor = re.search(rf"\d\s*[a-z]+\s+((?:{alternation(words('operand_modifiers'))})\s[^\d(),;:]{{3,50}}?)"
                       rf"\s*(?:{_operator().pattern})\s*$", text[lo:start])
    return f"{noun.group(0)} per {per.group(1)}" + (f" {factor.group(1)}" if factor else "")


def _fit(owner: str, room: int) -> str:
    """The owner cut at a word so that what follows it fits a label."""
    return owner if len(owner) <= room else owner[:room].rsplit(" ", 1)[0]


def formula_label(text: str, lo: int, hi: int, start: int, end: int, kind: str) -> str:
    """The label of the figure text[start:end] of sentence text[lo:hi] when it is an operand or a result of a
    calculation, else ""."""
    lo, hi = max(lo, start - CLAUSE_REACH), min(hi, end + CLAUSE_REACH)  # a calculation is read within its
    # clause's reach, not over a sentence that never ends
    before, after = _prev_sign(text, lo, start), _next_sign(text, end, hi)
    opened = _open_bracket(text, lo, start)
    in_sum = opened >= 0 and _has_operator(text, opened, _close_bracket(text, opened, hi))
    breaks_down = before == ":" and text[end:hi].lstrip()[:1] == "(" and _has_operator(
        text, end, _close_bracket(text, end + text[end:hi].index("("), hi))
    if not (before not in ("", ":", "(") or after not in ("", ")") or breaks_down
            or (before == "(" or after == ")") and in_sum):
        return ""
    gloss = GLOSS.match(text, end, hi)
    if gloss and re.search(r"[^\W\d_]{2}", gloss.group(1)):
        return gloss.group(1).strip()
    if breaks_down:
        return _lead_in(text, lo, text.rindex(":", lo, start))
    if kind == "duration" and (rate := _time_rate(text, lo, hi, start, end)):
        return rate
    if own := _phrase_after(text, end, hi):
        return own  # "(27 days from Monday to Saturday X 8 hours per day)"
    if before not in ("", "(", ":"):
        if term := _term_before(text, lo, start):
            return term
    chain = _chain().search(text, lo, start)
    if chain and (subject := _term_before(text, lo, chain.start())):
        # "Rest day pay ... is $10,200 ÷ 31 days X 4 days = $1,316.1": the term before the chain names its result
        if before in ("=", "═"):
            return subject
        return subject if kind != "money" else f"{_fit(subject, 68)}: operand"
    if before in ("", ":") and (term := _term_before(text, lo, start)):
        # "─ rest day pay of $1,316.1)"; but the term before the first operand of a chain with a result names the
        # result ("Rest day pay ... is $10,200 ÷ 31 days X 4 days = $1,316.1")
        named_result = after not in ("", ")") and re.match(r"[^()]*?\s[=═]\s", text[end:hi])
        return f"{_fit(term, 68)}: operand" if named_result and kind == "money" else term
    owner = ""
    if opened >= 0:
        owner = _term_before(text, lo, opened)
        head = re.search(rf"({NUMBER.pattern})\s*$", text[max(lo, opened - 24) : opened])
        at = max(lo, opened - 24) + head.start() if head else -1
        if not owner and head and _prev_sign(text, lo, at) == ":":
            owner = _lead_in(text, lo, text.rindex(":", lo, at))
        elif not owner and head:
            owner = _term_before(text, lo, at)
    if not owner:
        return ""
    if kind != "money":
        return owner
    product = re.search(r"[X×x]\s*$", text[lo:start]) or re.match(r"\s*[X×x]\s", text[end:hi])
    unit = _rate_unit(text, lo, hi, start, end)
    if product:
        return f"{_fit(owner, 64)}: rate {unit}".strip()
    return f"{_fit(owner, 68)}: operand" if after in ("÷", *words("operators")) else ""


# what may stand between an opening bracket, colon or verb and a bare operand ("(i.e. $11,000 ÷ 30 days")
BARE_LEAD = re.compile(r"(?:^|[(:]|\bis|\bare|\bwas|\bwere)\s*(?:(?<!\w)(?:i\.e\.|e\.g\.)\s*)?:?\s*$", re.I)


def bare_operand(text: str, start: int, end: int) -> bool:
    """The amount text[start:end] opens a calculation with no words of its own: it is followed by a sign of
    arithmetic and preceded only by a bracket, a colon or a verb ("($11,000 ─ rest day pay of ...)", "is $10,200 ÷
    31 days", "$11,000X 12"). Such an amount is the one the worked example stated before, under its name."""
    if not re.match(rf"\s*(?:{alternation([*words('operators'), *words('formula_signs')])})(?=[\s\d]|$)",
                    text[end : end + 4]):
        return False
    line = re.split(r"[.;!?]\s|➡", text[max(0, start - 40) : start])[-1]
    return bool(BARE_LEAD.search(line))
