"""The trigger pattern language: one pattern per line, parsed into :class:`Pattern`.

A line of a pattern file (``lexicon/data/patterns/*.txt``) reads::

    CODE  POS  LEMMA[|LEMMA...]  [CONSTRAINT ...]  [ROLE ...]  [frame=KIND]

- ``CODE``: a CAMEO code of the event type table, or ``-`` for a frame or support verb
  that codes nothing on its own (``launch`` in "launch an attack").
- ``POS``: ``v`` (the lemma is a verb), ``n`` (a noun) or ``a`` (an adjective, for
  frames such as "is willing to", "is ready for").
- Constraints, all of which must hold on the trigger token:

  ``+WORD``       a particle or bare preposition child with this lemma ("step +down")
  ``obj:SET``     a direct object (the passive subject when passive) whose lemma is in SET
  ``obj:*``       some direct object; ``-obj`` none
  ``PREP:SET``    a preposition child PREP whose object's lemma is in SET ("for:@AID")
  ``PREP:``       a preposition child PREP with any object ("call for:")
  ``xcomp:SET``   an open clausal complement verb in SET ("agree xcomp:@SEND")
  ``ccomp:SET``   a clausal complement verb in SET ("want ccomp:*")
  ``mod:SET``     a modifier (compound, amod, nmod) in SET ("strike mod:hunger")
  ``objmod:SET``  a modifier of the direct object ("cut aid objmod:military")
  ``subj:SET``    a subject whose lemma is in SET
  ``+neg`` / ``-neg``, ``+pass`` / ``-pass``  negated or not, passive or not
  ``+coord``      the subject is coordinated ("French and Egyptian warships")

  ``SET`` is ``word|word`` or a class ``@NAME`` (``classes.txt``), or a mix.
- Roles: ``src=R,R`` and ``tgt=R,R`` give where the source and target are read, in order
  of preference: ``subj``, ``obj``, ``dative``, ``poss``, ``mod`` (actor modifiers such
  as "Israeli" in "Israeli shelling"), ``xobj`` (the subject of the embedded clause in
  "ask X to ..."), ``loc`` (the building or actor where something was put), ``incident``
  (the target of the incident an act followed: "searched ... after reports of a bomb in
  the embassy"), a preposition (``to``, ``with``, ``of``...), or ``obj.PREP`` (a
  preposition of the direct object: "faces pressure from Congress"). Without them the
  defaults of :mod:`tidings.events.extract` apply.
- ``frame=KIND`` marks a verb or noun that embeds another event and composes its code
  with it (``compose.tsv``): ``intent`` (agree, promise), ``appeal``, ``demand``, ``order``
  (a demand, except that ordering force is using it), ``reject``, ``threaten``,
  ``accuse``, ``claim``, ``support`` (light verbs that pass the embedded event through
  unchanged, e.g. "launch", "hold", "began").

Patterns are checked most specific first (more constraints first, then file order).
"""

from __future__ import annotations

from dataclasses import dataclass

FRAMES = frozenset({"intent", "appeal", "demand", "order", "reject", "threaten", "accuse",
                    "claim", "support"})
"""The frame kinds a pattern may declare."""

ROLE_NAMES = frozenset({"subj", "obj", "dative", "poss", "mod", "xobj", "none"})
"""Named argument positions (besides prepositions) that roles may point at."""

_FLAGS = frozenset({"neg", "pass", "obj", "coord"})


ACTOR_MARK = "<actor>"
"""In a constraint's values (from ``@HUMAN``): any name of a person, group or country also
satisfies it ("telephoned Kozyrev")."""


class PatternError(ValueError):
    """A pattern line that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Constraint:
    """One condition on the trigger token.

    Attributes:
        kind: ``prt``, ``obj``, ``prep``, ``xcomp``, ``mod``, ``subj`` or ``flag``.
        key: the preposition (kind ``prep``), the flag name (kind ``flag``), else "".
        values: allowed lemmas; None means "any" (``PREP:``, ``obj:*``).
        positive: False for ``-flag`` constraints.
    """

    kind: str
    key: str = ""
    values: frozenset[str] | None = None
    positive: bool = True


@dataclass(frozen=True, slots=True)
class Pattern:
    """A trigger pattern: lemma, constraints, the code it gives, and where its actors are.

    Attributes:
        pos: ``v``, ``n`` or ``a``.
        lemma: the trigger lemma (lower case).
        code: CAMEO code, or None for frames and support verbs that code nothing alone.
        constraints: conditions on the trigger token, all required.
        frame: the frame kind, if the trigger embeds another event.
        src, tgt: argument positions for source and target, in order of preference
            (None: the defaults).
        family: the pattern file it came from (``assault``, ``request``...).
        line: its line number there, for messages and tests.
    """

    pos: str
    lemma: str
    code: str | None
    constraints: tuple[Constraint, ...] = ()
    frame: str | None = None
    src: tuple[str, ...] | None = None
    tgt: tuple[str, ...] | None = None
    family: str = ""
    line: int = 0

    @property
    def specificity(self) -> int:
        """Constraints that name words count double: "obj:@WEAPON" before "obj:*"."""
        return sum(2 if c.values is not None or c.kind == "prt" else 1
                   for c in self.constraints)


def _values(spec: str, classes: dict[str, frozenset[str]], where: str) -> frozenset[str] | None:
    if spec in ("", "*"):
        return None
    out: set[str] = set()
    for part in spec.split("|"):
        if part.startswith("@"):
            name = part[1:]
            if name not in classes:
                raise PatternError(f"{where}: unknown class @{name} (define it in classes.txt)")
            out |= classes[name]
        else:
            out.add(part.lower().replace("_", " "))
        if part == "@HUMAN":
            out.add(ACTOR_MARK)
    return frozenset(out)


def parse_line(text: str, classes: dict[str, frozenset[str]], family: str,
               line: int, known_codes: set[str]) -> list[Pattern]:
    """The patterns on one line (one per lemma alternative)."""
    where = f"patterns/{family}.txt line {line}"
    fields = text.split()
    if len(fields) < 3:
        raise PatternError(f"{where}: expected 'CODE POS LEMMA ...', got {text!r}")
    code_s, pos, lemmas = fields[0], fields[1], fields[2]
    code: str | None = None if code_s == "-" else code_s
    if code is not None and code not in known_codes:
        raise PatternError(f"{where}: CAMEO code {code!r} is not in cameo.tsv")
    if pos not in ("v", "n", "a"):
        raise PatternError(f"{where}: POS must be 'v', 'n' or 'a', got {pos!r}")
    constraints: list[Constraint] = []
    frame: str | None = None
    src: tuple[str, ...] | None = None
    tgt: tuple[str, ...] | None = None
    for tok in fields[3:]:
        if tok.startswith("frame="):
            frame = tok[6:]
            if frame not in FRAMES:
                raise PatternError(f"{where}: unknown frame {frame!r}; one of {sorted(FRAMES)}")
        elif tok.startswith(("src=", "tgt=")):
            roles = tuple(r for r in tok[4:].split(",") if r)
            if tok.startswith("src="):
                src = roles
            else:
                tgt = roles
        elif tok[0] in "+-" and tok[1:] in _FLAGS:
            constraints.append(Constraint(kind="flag", key=tok[1:], positive=tok[0] == "+"))
        elif tok.startswith("+"):
            constraints.append(Constraint(kind="prt", values=frozenset({tok[1:].lower()})))
        elif ":" in tok:
            key, _, spec = tok.partition(":")
            vals = _values(spec, classes, where)
            if key in ("obj", "xcomp", "ccomp", "mod", "subj", "objmod"):
                constraints.append(Constraint(kind=key, values=vals))
            else:
                constraints.append(Constraint(kind="prep", key=key.lower(), values=vals))
        else:
            raise PatternError(f"{where}: cannot read {tok!r}")
    if code is None and frame is None:
        raise PatternError(f"{where}: a pattern without a code must declare a frame")
    return [Pattern(pos=pos, lemma=lemma.lower().replace("_", " "), code=code,
                    constraints=tuple(constraints), frame=frame, src=src, tgt=tgt,
                    family=family, line=line)
            for lemma in lemmas.split("|")]


def parse_classes(text: str, source: str = "classes.txt") -> dict[str, frozenset[str]]:
    """Word classes: ``NAME: lemma lemma ...`` lines; a class may include ``@OTHER``."""
    raw: dict[str, list[str]] = {}
    current: str | None = None
    for n, line in enumerate(text.splitlines(), 1):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        if ":" in body.split()[0]:
            name, _, rest = body.partition(":")
            current = name.strip()
            if current in raw:
                raise PatternError(f"{source} line {n}: class {current} defined twice")
            raw[current] = rest.split()
        elif current is not None and line[:1].isspace():
            raw[current].extend(body.split())
        else:
            raise PatternError(f"{source} line {n}: expected 'NAME: words', got {line!r}")
    out: dict[str, frozenset[str]] = {}

    def resolve(name: str, seen: tuple[str, ...]) -> frozenset[str]:
        if name in out:
            return out[name]
        if name not in raw:
            where = f" (used in {seen[-1]})" if seen else ""
            raise PatternError(f"{source}: unknown class @{name}{where}")
        if name in seen:
            raise PatternError(f"{source}: class @{name} includes itself")
        words: set[str] = set()
        for w in raw[name]:
            if w.startswith("@"):
                words |= resolve(w[1:], (*seen, name))
            else:
                words.add(w.lower().replace("_", " "))
        out[name] = frozenset(words)
        return out[name]

    for name in raw:
        resolve(name, ())
    return out
