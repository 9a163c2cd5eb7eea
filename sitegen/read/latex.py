"""LaTeX reports and papers (`.tex`) -> Markdown, read by the Markdown reader.

Read as plain text, a LaTeX file's title was its `\\documentclass` line and
its body full of commands. The source is scanned once instead: the preamble
gives only meta (`\\title`, `\\author` split on `\\and`, `\\date`, where it
is not `\\today`); in the body `\\maketitle` becomes the `#` title line,
sectioning commands `##` headings, list environments Markdown lists,
`quote` quotes, verbatim environments fenced code and `tabular` rows table
rows; `\\textbf`, `\\emph`, `\\texttt` and `\\href` become Markdown's inline
markup, an unknown command its argument. What a reader of the news does not
read goes: footnotes, citations, labels, floats' figures and captions,
display math (inline math too, unless it is a short number or formula),
comments, the bibliography and everything after `\\end{document}`.

The output keeps the source's newlines (what is dropped leaves its newlines
behind), so the Markdown reader's line numbers are the source's. A line of
nothing but dropped commands (`% 备注`, `\\label{…}`) does not break the
paragraph it stands in, as it does not in LaTeX, and neither do the newlines
of a footnote: they are written where the paragraph ends.

The scanner reads each character once and keeps the groups it is in on a
stack, so nested braces cost nothing extra and unbalanced ones (hostile or
broken input) only leave a group open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.model import Block
from sitegen.read.base import ReadResult
from sitegen.read.text import HAN
from sitegen.read.translated import code_fence, in_markdown_code, join_wrapped, read_translation, table_row

NAME = "latex"

_CONTROL = re.compile(r"\\(?:([A-Za-z@]{1,64})\*?|(.))", re.S)
_ENVIRONMENT = re.compile(r"\\(begin|end)[ \t]*\{([A-Za-z*]{1,40})\}")
_TEXT = re.compile(r"[^\\{}\[\]%~$`'\-\n]+")
_SPACES = re.compile(r"[ \t]*")
_CJK = re.compile(f"[{HAN}\u3000-\u303f\uff00-\uffef]")
_DOCUMENT = re.compile(r"^[^%\n]{0,500}\\begin[ \t]*\{document\}", re.M)
_MAKETITLE = re.compile(r"^[^%\n]{0,500}\\maketitle", re.M)
_AND = re.compile(r"\\and(?![A-Za-z])")
_LINE_BREAK = re.compile(r"\\\\")
_ROW_END = re.compile(r"(?<!\\)\\\\(?:\[[^\]\n]{0,40}\])?")
_CELL = re.compile(r"(?<!\\)&")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_RULES = re.compile(
    r"\\(?:[hv]line|toprule|midrule|bottomrule|endfirsthead|endhead|endfoot|endlastfoot)(?![A-Za-z])"
    r"|\\(?:cline|cmidrule)(?:\([^()\n]{0,10}\))?\{[^{}\n]{0,20}\}"
)
_OPTION = re.compile(r"\[[^\]]{0,500}\]")
_LANGUAGE = re.compile(r"language\s*=\s*\{?([\w+#-]{1,40})", re.I)
_SIMPLE_MATH = re.compile(r"[\w.,:+\-=<>%×·±≈≤≥/()^ ]{1,40}")
_MATH_WORDS = {"\\%": "%", "\\times": "×", "\\cdot": "·", "\\pm": "±", "\\approx": "≈", "\\leq": "≤",
               "\\geq": "≥", "\\le": "≤", "\\ge": "≥", "\\,": "", "{": "", "}": ""}
_MATH_WORD = re.compile("|".join(re.escape(word) + "(?![A-Za-z])" * word[-1].isalpha() for word in _MATH_WORDS))

# What each argument of a command is for: `drop` (not read), `wrap` (the
# text, with Markdown's markup of `_WRAPS` around it), `heading`, `url`
# (written as it stands), `href` and `link` (a link's target and its text),
# `title`, `author`, `date` (meta). An unknown command's argument is text, an
# optional `[…]` argument is dropped.
_WRAPS = {"textbf": "**", "paragraph": "**", "subparagraph": "**", "emph": "*", "textit": "*", "textsl": "*",
          "texttt": "`"}
_HEADINGS = {"part": 2, "chapter": 2, "section": 2, "subsection": 3, "subsubsection": 4}
_ARGUMENTS: dict[str, tuple[str, ...]] = {
    **{name: ("wrap",) for name in _WRAPS},
    **{name: ("heading",) for name in _HEADINGS},
    "href": ("href", "link"), "url": ("url",), "nolinkurl": ("url",),
    "title": ("title",), "author": ("author",), "date": ("date",),
    **dict.fromkeys(
        ("footnote", "footnotetext", "cite", "citep", "citet", "nocite", "label", "ref", "eqref", "pageref",
         "autoref", "cref", "Cref", "index", "vspace", "hspace", "includegraphics", "caption", "bibliography",
         "bibliographystyle", "thanks", "color", "textcolor", "colorbox", "input", "include",
         "pagestyle", "thispagestyle", "hypersetup", "usepackage", "documentclass", "linespread", "bibitem",
         "graphicspath", "setmainfont", "setCJKmainfont"),
        ("drop",),
    ),
    **dict.fromkeys(("setlength", "setcounter", "addtocounter", "newcommand", "renewcommand", "fontsize",
                     "multicolumn", "multirow", "captionof"), ("drop", "drop")),
    "newenvironment": ("drop", "drop", "drop"),
}
_SYMBOLS = {"ldots": "…", "dots": "…", "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX", "quad": " ",
            "qquad": " ", "textendash": "–", "textemdash": "—", "textbackslash": "\\", "S": "§"}
_ESCAPES = {"%": "%", "&": "&", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " "}

_LISTS = {"itemize": "-", "enumerate": "1.", "description": "-"}
_QUOTES = {"quote", "quotation", "verse"}
_VERBATIM = {"verbatim", "verbatim*", "Verbatim", "lstlisting", "minted"}
_TABULAR = {"tabular": 0, "tabular*": 1, "tabularx": 1, "tabulary": 1, "longtable": 0}
_SKIPPED = {"figure", "figure*", "wrapfigure", "equation", "equation*", "align", "align*", "gather", "gather*",
            "multline", "multline*", "eqnarray", "eqnarray*", "displaymath", "math", "thebibliography",
            "comment", "tikzpicture", "picture"}
_ENVIRONMENT_ARGUMENTS = {"minipage": ("drop",), "multicols": ("drop",)}

_DECISIVE = re.compile(r"^[ \t]*\\(?:documentclass|begin[ \t]*\{document\})", re.M)
_STRUCTURE = re.compile(
    r"\\(section|subsection|chapter|textbf|emph|footnote|cite|label|item|begin\{(?:itemize|enumerate)\})(?![A-Za-z])"
)


def sniff(text: str) -> float:
    """`\\documentclass` or `\\begin{document}` is decisive (unless it stands
    in a Markdown file's code block); otherwise several kinds of commands."""
    decisive = _DECISIVE.search(text)
    if decisive:
        return 0.0 if in_markdown_code(text, decisive.start()) else 0.93
    kinds = {match.group(1) for match in _STRUCTURE.finditer(text)}
    return 0.75 if len(kinds) >= 3 else 0.0


def read(text: str) -> ReadResult:
    scanner = _Scanner(text)
    markdown = scanner.run()
    return read_translation(markdown.split("\n"), scanner.meta, scanner.rows)


@dataclass
class _Writer:
    """The Markdown text, one line for each line of the source."""

    parts: list[str] = field(default_factory=list)
    newlines: int = 0  # the source's newlines passed so far
    pending: int = 0  # newlines of dropped text, written where the paragraph ends
    fresh: bool = True  # nothing written on the current line yet
    seen: bool = False  # the current source line holds something
    hard: bool = False  # an environment begins or ends on the current line: it ends a block
    after_text: bool = False  # the previous output line has text
    quote: bool = False

    def write(self, text: str, indent: str = "") -> None:
        if self.fresh:
            text = text.lstrip(" \t")
            if not text:
                return
            text = ("> " if self.quote else "") + indent + text
            self.fresh = False
        if text:
            self.parts.append(text)

    def newline(self) -> None:
        """The end of a source line. A line of only dropped commands inside a
        paragraph does not end the paragraph, and neither do the newlines of
        dropped text: they wait for the paragraph's end (the next empty line)."""
        self.newlines += 1
        if self.fresh and self.seen and self.after_text and not self.hard:
            self.pending += 1
        elif self.fresh:
            self.parts.append("\n" * (1 + self.pending))
            self.pending = 0
            self.after_text = False
        else:
            self.parts.append("\n")
            self.after_text = True
        self.fresh, self.seen, self.hard = True, False, False

    def skip(self, newlines: int) -> None:
        """Dropped text: its newlines are written where the paragraph ends."""
        self.newlines += newlines
        self.pending += newlines
        self.seen = True

    def raw(self, text: str) -> None:
        self.parts.append(text)
        self.newlines += text.count("\n")
        self.fresh = False

    def mark(self) -> tuple[int, bool]:
        return len(self.parts), self.fresh

    def undo(self, mark: tuple[int, bool]) -> None:
        del self.parts[mark[0] :]
        self.fresh = mark[1]

    def last(self) -> str:
        return self.parts[-1][-1:] if self.parts else ""

    def finish(self) -> str:
        return "".join(self.parts) + "\n" * self.pending


_QUIET = {"drop", "url", "href", "title", "author", "date"}  # arguments whose text is not written
_META = {"title", "author", "date"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_URL_ESCAPE = re.compile(r"\\([%&#_$~])")
_MINTED_LANGUAGE = re.compile(r"\{([\w+#-]{1,40})\}")


@dataclass
class _Frame:
    """A `{…}` group, or an optional `[…]` argument, the scanner is in."""

    closer: str  # "}" or "]"
    kind: str  # what the group is for: a kind of `_ARGUMENTS`, "label" (an `\\item`'s), "text"
    command: str  # the command it is an argument of
    rest: tuple[str, ...]  # the command's arguments still to come after this one
    start: int  # where its text starts in the source
    quiet: bool  # nothing inside is written
    flat: bool  # newlines inside are written after the line (a heading must stay on its line)
    suffix: str = ""
    mark: tuple[int, bool] = (0, True)  # the output before the prefix, to take an empty group's prefix back
    written: int = 0  # the output's parts after the prefix


class _Scanner:
    """One pass over a LaTeX source; `nested` for a fragment (a title, a
    table cell), where the meta commands and tables are not looked for."""

    def __init__(self, text: str, nested: bool = False) -> None:
        self.text = text
        self.nested = nested
        self.document = not nested and bool(_DOCUMENT.search(text))
        self.maketitle = not nested and bool(_MAKETITLE.search(text))
        self.body = not self.document  # past `\begin{document}`: what the reader reads
        self.out = _Writer()
        self.meta: dict[str, object] = {}
        self.rows: list[Block] = []
        self.frames: list[_Frame] = []
        self.command = ""  # the last command read, whose arguments may follow
        self.arguments: tuple[str, ...] = ()
        self.expect = False  # an argument may start here
        self.lists: list[str] = []  # the markers of the open list environments
        self.environments: list[str] = []  # the open lists and quotes
        self.quotes = 0
        self.href = ""
        self.last: dict[str, int] = {}  # where a closer (`\\end{figure}`, `$`) last stands in the text
        self.pos = 0

    def run(self) -> str:
        while self.pos < len(self.text):
            self._step()
        return self.out.finish()

    def _step(self) -> None:
        char = self.text[self.pos]
        if char not in " \t\n":
            self.out.seen = True
        if self.expect and char not in "{[ \t":
            self.expect, self.arguments = False, ()
        if char == "\\":
            self._control()
        elif char == "{":
            self._open()
        elif char == "}" or (char == "]" and self.frames and self.frames[-1].closer == "]"):
            self._close(char)
        elif char == "[" and self.expect:
            self.pos += 1
            self._push("label" if self.command == "item" else "drop", self.arguments, "]")
        elif char == "\n":
            self._newline()
        elif char == "%":
            end = self.text.find("\n", self.pos)
            self.pos = end if end >= 0 else len(self.text)
        elif char == "$":
            double = self.text.startswith("$$", self.pos)
            self.pos += 1 + double
            self._math("$$" if double else "$", inline=not double)
        else:
            self._text(char)

    # ------------------------------------------------------------------ output

    def _write(self, text: str, indent: str = "") -> None:
        if self.body and not (self.frames and self.frames[-1].quiet):
            self.out.write(text, indent)

    def _space(self) -> str:
        """A tie or a line break between two CJK characters is nothing, else a space."""
        following = self.text[self.pos : self.pos + 1]
        return "" if _CJK.match(self.out.last()) and _CJK.match(following) else " "

    def _text(self, char: str) -> None:
        for ligature, replacement in (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”")):
            if self.text.startswith(ligature, self.pos):
                self.pos += len(ligature)
                self._write(replacement)
                return
        if char == "~":
            self.pos += 1
            self._write(self._space())
            return
        match = _TEXT.match(self.text, self.pos)
        chunk = match.group() if match else char
        self.pos += len(chunk)
        self._write(chunk)

    def _newline(self) -> None:
        self.pos += 1
        if self.frames and self.frames[-1].closer == "]":
            self._pop()  # an optional argument does not run on past its line
        if self.frames and self.frames[-1].flat:
            self.out.skip(1)
        else:
            self.out.newline()

    # ------------------------------------------------------------------ commands

    def _control(self) -> None:
        environment = _ENVIRONMENT.match(self.text, self.pos)
        if environment:
            self.pos = environment.end()
            if environment.group(1) == "begin":
                self._begin(environment.group(2))
            else:
                self._end(environment.group(2))
            return
        match = _CONTROL.match(self.text, self.pos)
        if not match:  # a backslash at the very end
            self.pos += 1
            return
        self.pos = match.end()
        word, symbol = match.groups()
        if word:
            self._word(word)
        else:
            self._symbol(symbol)

    def _word(self, word: str) -> None:
        if word == "verb":
            self._verb()
            return
        self.pos = _SPACES.match(self.text, self.pos).end()  # TeX skips the spaces after a word
        if word == "item":
            indent = "  " * max(0, len(self.lists) - 1)
            self._write((self.lists[-1] if self.lists else "-") + " ", indent)
        elif word == "maketitle" and not self.nested and self.meta.get("title"):
            self._write(f"# {self.meta['title']}")
        elif word in _SYMBOLS:
            self._write(_SYMBOLS[word])
        self.command, self.arguments, self.expect = word, _ARGUMENTS.get(word, ()), True

    def _symbol(self, symbol: str) -> None:
        if symbol == "\\":
            self.pos += self.text.startswith("*", self.pos)
            self._write(self._space())
            self.command, self.arguments, self.expect = "\\", (), True
        elif symbol in "([":
            self._math("\\)" if symbol == "(" else "\\]", inline=symbol == "(")
        elif symbol == "\n":
            self.pos -= 1  # the newline is the line's end
            self._write(" ")
        elif symbol in _ESCAPES:
            self._write(_ESCAPES[symbol])

    def _verb(self) -> None:
        """`\\verb|code|`: the code, on one line between two equal characters."""
        delimiter = self.text[self.pos : self.pos + 1]
        end = self.text.find(delimiter, self.pos + 1, self.pos + 500) if delimiter.strip() else -1
        if end < 0 or "\n" in self.text[self.pos : end]:
            return
        code = self.text[self.pos + 1 : end]
        self.pos = end + 1
        self._write(f"`{code}`")

    def _math(self, closer: str, inline: bool) -> None:
        """Inline math stays when it is a short number or formula (`$5\\%$`,
        `$n=100$`); other math goes. Inline math does not span paragraphs."""
        end = self._find(closer, self.pos)
        if end < 0:
            return
        formula = self.text[self.pos : end]
        if inline and _PARAGRAPH_BREAK.search(formula):
            return
        self.pos = end + len(closer)
        simple = _MATH_WORD.sub(lambda match: _MATH_WORDS[match.group()], formula).strip()
        if inline and _SIMPLE_MATH.fullmatch(simple):
            self._write(simple)
        else:
            self.out.skip(formula.count("\n"))

    def _find(self, needle: str, start: int) -> int:
        """`text.find`, without searching again for what is not there: linear on hostile input."""
        if needle not in self.last:
            self.last[needle] = self.text.rfind(needle)
        return self.text.find(needle, start) if self.last[needle] >= start else -1

    # ------------------------------------------------------------------ groups

    def _open(self) -> None:
        self.pos += 1
        kind, rest = (self.arguments[0], self.arguments[1:]) if self.expect and self.arguments else ("text", ())
        if kind in _META and self.nested:
            kind = "drop"
        self._push(kind, rest, "}")

    def _push(self, kind: str, rest: tuple[str, ...], closer: str) -> None:
        parent = self.frames[-1] if self.frames else None
        quiet = kind in _QUIET or bool(parent and parent.quiet)
        flat = quiet or kind == "heading" or bool(parent and parent.flat)
        frame = _Frame(closer, kind, self.command, rest, self.pos, quiet, flat, mark=self.out.mark())
        prefix = ""
        if kind == "wrap":
            prefix = frame.suffix = _WRAPS[self.command]
        elif kind == "heading":
            prefix = "#" * _HEADINGS[self.command] + " "
        elif kind == "link":
            prefix, frame.suffix = "[", f"]({self.href})"
        elif kind == "label":
            frame.suffix = "："
        self._write(prefix)
        frame.written = len(self.out.parts)
        self.frames.append(frame)
        self.expect, self.arguments = False, ()

    def _close(self, closer: str) -> None:
        if not self.frames or self.frames[-1].closer != closer:
            self.pos += 1  # a brace closing nothing
            return
        frame = self._pop()
        self.pos += 1
        if frame.kind == "label":
            self.pos = _SPACES.match(self.text, self.pos).end()  # `\\item[算力] 新增` -> `- 算力：新增`

    def _pop(self) -> _Frame:
        frame = self.frames.pop()
        if len(self.out.parts) == frame.written:
            self.out.undo(frame.mark)  # `\\textbf{}` writes no `****`
        elif frame.suffix:
            self._write(frame.suffix)
        if frame.kind in _QUIET and frame.kind != "drop" and not (self.frames and self.frames[-1].quiet):
            self._argument(frame.kind, self.text[frame.start : self.pos])  # the outermost only: linear time
        self.command, self.arguments, self.expect = frame.command, frame.rest, bool(frame.rest) or frame.closer == "]"
        return frame

    def _argument(self, kind: str, raw: str) -> None:
        """What a raw argument says: a URL, a link's target, the title, authors or date."""
        if kind in ("url", "href"):
            url = _URL_ESCAPE.sub(r"\1", "".join(raw.split()))
            self.href = url
            if kind == "url":
                self._write(url)
        elif kind == "title" and _plain(raw):
            self.meta["title"] = title = _plain(raw)
            if not self.document and not self.maketitle:
                self._write(f"# {title}")
        elif kind == "author":
            names = [_plain(_LINE_BREAK.split(name)[0]) for name in _AND.split(raw)]
            names = [name for name in names if name]
            if names:
                self.meta["author"] = names[0] if len(names) == 1 else names
        elif _plain(raw):  # `\\today` writes nothing: no date
            self.meta["date"] = _plain(raw)

    # ------------------------------------------------------------------ environments

    def _begin(self, name: str) -> None:
        if name in _SKIPPED:
            self._skip(name)
            return
        self.out.hard = True
        if name == "document":
            self.body = True
            if self.meta.get("title") and not self.maketitle:
                self._write(f"# {self.meta['title']}")
        elif name in _VERBATIM:
            self._verbatim(name)
        elif name in _TABULAR and not self.nested:
            self._tabular(name)
        elif name in _LISTS or name in _QUOTES:
            self.environments.append(name)
            if name in _LISTS:
                self.lists.append(_LISTS[name])
            else:
                self.quotes += 1
                self.out.quote = True
        self.command, self.arguments, self.expect = name, _ENVIRONMENT_ARGUMENTS.get(name, ()), True

    def _end(self, name: str) -> None:
        if name == "document" and self.document:
            self.out.skip(self.text.count("\n", self.pos))  # nothing after it is read
            self.pos = len(self.text)
            return
        self.out.hard = True
        if self.environments and self.environments[-1] == name:
            self.environments.pop()
            if name in _LISTS:
                self.lists.pop()
            else:
                self.quotes -= 1
                self.out.quote = self.quotes > 0

    def _skip(self, name: str) -> None:
        """A float or display math: nothing of it is read."""
        closer = f"\\end{{{name}}}"
        end = self._find(closer, self.pos)
        if end >= 0:
            self.out.skip(self.text.count("\n", self.pos, end))
            self.pos = end + len(closer)

    def _verbatim(self, name: str) -> None:
        """Code as it stands, fenced, in the language `lstlisting` or `minted` names."""
        closer = f"\\end{{{name}}}"
        end = self._find(closer, self.pos)
        if end < 0:
            return
        start, language = self.pos, ""
        option = _OPTION.match(self.text, start, end)
        if option:
            start = option.end()
            named = _LANGUAGE.search(option.group())
            language = named.group(1) if named else ""
        minted = _MINTED_LANGUAGE.match(self.text, start, end) if name == "minted" else None
        if minted:
            start, language = minted.end(), minted.group(1)
        code = self.text[start:end]
        self.pos = end + len(closer)
        if self.body and not (self.frames and self.frames[-1].quiet):
            fence = code_fence(code.split("\n"))
            self.out.raw(f"{fence}{language}{code}{fence}")
        else:
            self.out.skip(code.count("\n"))

    def _tabular(self, name: str) -> None:
        """A table's rows, each a row block at its line; its lines stay empty."""
        closer = f"\\end{{{name}}}"
        end = self._find(closer, self.pos)
        if end < 0:
            return
        start = self._skip_groups(self.pos, end, 1 + _TABULAR[name])
        if self.body:
            line = self.out.newlines + 1 + self.text.count("\n", self.pos, start)
            self._rows(_RULES.sub("", _COMMENT.sub("", self.text[start:end])), line)
        for _ in range(self.text.count("\n", self.pos, end)):
            self.out.newline()
        self.pos = end + len(closer)

    def _skip_groups(self, pos: int, end: int, count: int) -> int:
        """After an optional `[t]` and `count` brace groups (a width, the column spec)."""
        option = _OPTION.match(self.text, pos, end)
        pos = option.end() if option else pos
        for _ in range(count):
            pos = _SPACES.match(self.text, pos, end).end()
            if not self.text.startswith("{", pos):
                break
            depth = 0
            while pos < end:
                depth += {"{": 1, "}": -1}.get(self.text[pos], 0)
                pos += 1
                if depth == 0:
                    break
        return pos

    def _rows(self, body: str, line: int) -> None:
        start = counted = 0
        for end in [match.start() for match in _ROW_END.finditer(body)] + [len(body)]:
            row = body[start:end]
            first = start + len(row) - len(row.lstrip())
            line += body.count("\n", counted, first)
            counted = first
            block = table_row([_plain(cell) for cell in _CELL.split(row)], line)
            if block:
                self.rows.append(block)
            start = _ROW_END.match(body, end).end() if end < len(body) else end


def _plain(fragment: str) -> str:
    """A fragment (a title, an author, a cell) as one line of Markdown."""
    return join_wrapped(_Scanner(fragment, nested=True).run().split("\n"))
