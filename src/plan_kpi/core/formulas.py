"""Formula indicators: an expression over other indicators' values, read by its own parser.

``formula: "output / area * 10"`` says that the indicator's value, in any period, is that
expression of the values of the indicators it names, in the same period. The text is read
by a small recursive-descent parser (never ``eval``) into a tree of four kinds of node:

    formula := sum
    sum     := product (("+" | "-" | "−") product)*
    product := unary (("*" | "×" | "/" | "÷") unary)*
    unary   := ("-" | "−") unary | atom
    atom    := number | id | "(" sum ")"

An id is written as the data format's ids are (``[a-z0-9_.]+``, dotted parts included); a
word of digits and marks only is a number, read in the file's locale (``0,1`` in ``vi``)
or, when the locale cannot read it, as a plain decimal (``0.1``). Every node keeps the
offset in the text where it was written, so a problem points at its column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from plan_kpi.core.messages import N_, Message
from plan_kpi.core.numbers import Locale, NumberError, parse_figure
from plan_kpi.core.quotes import quoted
from plan_kpi.core.records import record

#: The longest formula read: a report's relations are a few ids long.
MAX_FORMULA_CHARS = 1000
#: The deepest nesting of parentheses and signs (a deeper one is a mistake or an attack).
MAX_DEPTH = 40
#: The most ids and numbers one formula names: a report's relations name a handful, and
#: the exact audit follows every figure through every formula it is in.
MAX_OPERANDS = 20

Operator = Literal["+", "-", "*", "/"]
_OPERATORS: dict[str, Operator] = {
    "+": "+",
    "-": "-",
    "−": "-",
    "*": "*",
    "×": "*",
    "/": "/",
    "÷": "/",
}
#: how each operator is shown: as the audit writes its arithmetic
SIGNS: dict[Operator, str] = {"+": "+", "-": "−", "*": "×", "/": "/"}
_ID = re.compile(r"[a-z0-9_.]+")
_NUMBER = re.compile(r"[0-9.,]+")
_PLAIN = re.compile(r"[0-9]+(\.[0-9]+)?")


@record
class Ref:
    """An indicator's value, by its id."""

    id: str
    offset: int


@record
class Number:
    """A number of the formula, exact (10 for tạ/ha from tấn and ha)."""

    value: Decimal
    offset: int


@record
class Negate:
    """Minus what follows."""

    operand: Node
    offset: int


@record
class Operation:
    """left op right; ``offset`` is the operator's."""

    op: Operator
    left: Node
    right: Node
    offset: int


Node = Ref | Number | Negate | Operation


class FormulaError(Exception):
    """A formula that cannot be read: where in its text, and what is wrong."""

    def __init__(self, offset: int, message: Message) -> None:
        self.offset = offset
        self.message = message
        super().__init__(str(message))


@record
class _Token:
    kind: Literal["word", "operator", "open", "close"]
    text: str
    offset: int


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_.,"


def _tokens(text: str) -> Iterator[_Token]:
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char in _OPERATORS:
            yield _Token("operator", char, i)
            i += 1
        elif char in "()":
            yield _Token("open" if char == "(" else "close", char, i)
            i += 1
        elif _word_char(char):
            start = i
            while i < len(text) and _word_char(text[i]):
                i += 1
            yield _Token("word", text[start:i], start)
        else:
            raise FormulaError(
                i,
                N_(
                    "{char} cannot be in a formula — write ids, numbers, + − × ÷ (or * /) "
                    "and parentheses",
                    char=quoted(char),
                ),
            )


class _Parser:
    def __init__(self, text: str, locale: Locale) -> None:
        self.text = text
        self.locale = locale
        self.tokens = list(_tokens(text))
        self.at = 0
        self.operands = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def formula(self) -> Node:
        if not self.tokens:
            raise FormulaError(
                0,
                N_('the formula is empty — write an expression of ids, e.g. "output / area * 10"'),
            )
        node = self.sum(0)
        token = self.peek()
        if token is not None:
            if token.kind == "close":
                raise FormulaError(token.offset, N_("')' closes no '(' — remove it"))
            raise FormulaError(
                token.offset,
                N_(
                    "{token} follows with no operator before it — write + − × or ÷ between",
                    token=quoted(token.text),
                ),
            )
        return node

    def sum(self, depth: int) -> Node:
        node = self.product(depth)
        while (token := self.peek()) is not None and _OPERATORS.get(token.text) in ("+", "-"):
            self.take()
            node = Operation(_OPERATORS[token.text], node, self.product(depth), token.offset)
        return node

    def product(self, depth: int) -> Node:
        node = self.unary(depth)
        while (token := self.peek()) is not None and _OPERATORS.get(token.text) in ("*", "/"):
            self.take()
            node = Operation(_OPERATORS[token.text], node, self.unary(depth), token.offset)
        return node

    def unary(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            token = self.peek()
            raise FormulaError(
                token.offset if token else len(self.text),
                N_(
                    "the formula nests more than {most} parentheses or signs deep — write it "
                    "more simply",
                    most=MAX_DEPTH,
                ),
            )
        token = self.peek()
        if token is not None and _OPERATORS.get(token.text) == "-":
            self.take()
            return Negate(self.unary(depth + 1), token.offset)
        return self.atom(depth)

    def atom(self, depth: int) -> Node:
        token = self.peek()
        if token is None:
            last = self.tokens[-1]
            raise FormulaError(
                last.offset,
                N_(
                    "the formula ends after {token} — write what follows it",
                    token=quoted(last.text),
                ),
            )
        self.take()
        if token.kind == "open":
            node = self.sum(depth + 1)
            closing = self.peek()
            if closing is None or closing.kind != "close":
                raise FormulaError(token.offset, N_("this '(' is never closed — add ')'"))
            self.take()
            return node
        if token.kind == "word":
            self.operands += 1
            if self.operands > MAX_OPERANDS:
                raise FormulaError(
                    token.offset,
                    N_(
                        "the formula names more than {most} ids and numbers — write it more simply",
                        most=MAX_OPERANDS,
                    ),
                )
            return self.word(token)
        raise FormulaError(
            token.offset,
            N_(
                "{token} where an id, a number or '(' is expected — write what it applies to",
                token=quoted(token.text),
            ),
        )

    def word(self, token: _Token) -> Node:
        text = token.text
        if _NUMBER.fullmatch(text):
            return Number(self.number(token), token.offset)
        if _ID.fullmatch(text):
            return Ref(text, token.offset)
        raise FormulaError(
            token.offset,
            N_(
                "{word} is not an id — ids are lowercase letters a-z, digits, '_' and '.' "
                "(no spaces, capitals or accents), as in targets.yaml",
                word=quoted(text),
            ),
        )

    def number(self, token: _Token) -> Decimal:
        try:
            return parse_figure(token.text, self.locale)
        except NumberError as err:
            if _PLAIN.fullmatch(token.text):
                return Decimal(token.text)
            raise FormulaError(
                token.offset,
                N_(
                    "{number} is not a number plan-kpi can read: {reason}",
                    number=quoted(token.text),
                    reason=str(err),
                ),
            ) from None


def parse_formula(text: str, locale: Locale) -> Node:
    """The formula's tree, or a FormulaError saying where and what is wrong."""
    if len(text) > MAX_FORMULA_CHARS:
        raise FormulaError(
            MAX_FORMULA_CHARS,
            N_(
                "the formula is longer than {most} characters — write it more simply",
                most=MAX_FORMULA_CHARS,
            ),
        )
    return _Parser(text, locale).formula()


def references(node: Node) -> list[Ref]:
    """Every id the formula names, in the order written, repeats included."""
    found: list[Ref] = []
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Ref):
            found.append(current)
        elif isinstance(current, Negate):
            stack.append(current.operand)
        elif isinstance(current, Operation):
            stack += (current.right, current.left)
    return found


def uses(node: Node, indicator: str) -> int:
    """How many times the formula names the indicator."""
    return sum(1 for ref in references(node) if ref.id == indicator)


def solved_for(node: Node, result: str, unknown: str) -> Node:
    """The formula ``result = node`` solved for ``unknown``, which it names exactly once.

    Each step undoes the operation on the way to the unknown: for yield = output / area × 10,
    output / area = yield / 10, so area = output / (yield / 10).
    """
    assert uses(node, unknown) == 1, "a formula is solved for an indicator it names once"
    target: Node = Ref(result, node.offset if isinstance(node, Operation) else 0)
    while not (isinstance(node, Ref) and node.id == unknown):
        if isinstance(node, Negate):
            target, node = Negate(target, node.offset), node.operand
            continue
        assert isinstance(node, Operation), "the unknown is inside an operation"
        op, at = node.op, node.offset
        if uses(node.left, unknown):
            other, node = node.right, node.left
            inverse: dict[Operator, Operator] = {"+": "-", "-": "+", "*": "/", "/": "*"}
            target = Operation(inverse[op], target, other, at)
        else:
            other, node = node.left, node.right
            if op in ("+", "*"):
                target = Operation("-" if op == "+" else "/", target, other, at)
            else:  # other − x = target: x = other − target; other / x = target: other / target
                target = Operation(op, other, target, at)
    return target


#: how tightly each kind of node binds, for showing it with no more parentheses than needed
_BINDING: dict[Operator, int] = {"+": 1, "-": 1, "*": 2, "/": 2}
_UNARY = 3
_ATOM = 4


def _binding(node: Node) -> int:
    if isinstance(node, Operation):
        return _BINDING[node.op]
    return _UNARY if isinstance(node, Negate) else _ATOM


#: a piece of a formula as shown: an indicator, a number, or a sign or parenthesis
Piece = Ref | Number | str


def pieces(node: Node) -> list[Piece]:
    """The formula as it is shown, left to right: ids, numbers, and signs (+ − × /) and
    parentheses as few as its order of operations needs."""
    if isinstance(node, Ref | Number):
        return [node]
    if isinstance(node, Negate):
        inner = pieces(node.operand)
        if _binding(node.operand) < _UNARY:
            inner = ["(", *inner, ")"]
        return ["−", *inner]
    left, right = pieces(node.left), pieces(node.right)
    binding = _BINDING[node.op]
    if _binding(node.left) < binding:
        left = ["(", *left, ")"]
    if _binding(node.right) < binding or (
        _binding(node.right) == binding and node.op in ("-", "/")
    ):
        right = ["(", *right, ")"]
    return [*left, f" {SIGNS[node.op]} ", *right]
