"""Run the statistical pipeline only where a claim can be.

A claim needs a relation cue and two actors near each other. A cheap pass over the
whole text (the tokenizer, a rule sentencizer with the paragraph rule, and the
catalog's phrase matchers) finds the sentences that hold a cue and two actor
candidates, adds the neighbours discourse needs (the sentence a pronoun or a
description leans on, the sentence naming a quotation's speaker, the sentence a
supply's recipient or contents come from), and the tagger, parser, lemmatizer and
NER run on those alone. The result is one Doc over the whole text: the chosen
sentences fully annotated, the others with tokens, sentence bounds and the
catalog's names only, so catalog mentions are counted everywhere and every
character offset is the one a full parse gives.

The cues come from the rules (``ontology/rules``): every trigger word of every rule,
matched in any inflected form the lemmatizer's own tables can reduce to it; a user
who adds a frame gets its words in the filter.

The cues are in ``cues``; joining the parsed runs into one Doc, and reading which
parts of it were parsed, in ``parsed``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LOWER, ORTH, SPACY
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from .cues import ANY, WEAPON, WEAPON_CLASS, Cue, Lemmas, cues_of, fits, trigger_words, two_ends
from .descriptions import DESCRIPTION_REACH
from .discourse import AGENT_FROM_BEFORE
from .member_lists import NUMBER_WORDS
from .nlp import BOUND_PREFIXES, DESIGNATION
from .noun_phrases import SPEAKING_FOR
from .parsed import RUNS

if TYPE_CHECKING:
    from spacy.language import Language

    from ..ontology import Ontology
    from .catalog import Catalog
    from .rules import RuleSet

CATALOG_RULERS = ("catalog_cased", "catalog_lower")
BOUND_PREFIX_TEXT = re.compile("(?i)(?:" + "|".join(BOUND_PREFIXES) + ")-")
NEWLINE = re.compile("\n")
DASHES = ("-", "–")  # a hyphenated modifier's dash, as the compound form reads it
DEFINITE = frozenset({"the", "this", "that", "these", "those", "'s", "’s"})
PAIR_NOUNS = frozenset({"countries", "nations"})  # "the two countries": the last two states named
STATES = frozenset({"State"})
DESCRIPTION_WINDOW = 3  # words before a description's noun where its determiner may stand
QUOTE_OPENINGS = ('"', "“", "«")
ACRONYM_LETTERS = 6  # the longest acronym resolution spells out (``kg.extract.resolve``)
INITIALS_SKIP = frozenset({"of", "on", "for", "and", "the", "-", "–"})  # inside a name; no initial
UNPARSED_ROOT, UNPARSED_DEP = "ROOT", "dep"  # a flat tree keeps a cheap sentence's bounds in the joined Doc


class Prefilter:
    """The cheap pass and the choice of sentences, built once per pipeline, catalog and rule set."""

    def __init__(self, nlp: Language, catalog: Catalog, rules: RuleSet, ontology: Ontology) -> None:
        from .rules import FILLED_FROM_NEIGHBOUR

        self.nlp = nlp
        self.catalog = catalog
        self.lemmas = Lemmas(nlp)
        self.cues = cues_of(rules, ontology, FILLED_FROM_NEIGHBOUR, tuple(AGENT_FROM_BEFORE))
        self.cue_words = frozenset(self.cues)
        self.titles = frozenset(w for rule in rules.by_form("relnoun") for w in trigger_words(rule))
        events = rules.lexicon.get("supply_events", {})
        self.content_nouns = frozenset(events.get("nouns", ()))
        self.content_verbs = frozenset(events.get("verbs", ()))
        self.speech = frozenset(rules.lexicon.get("attribution", {}).get("verbs", ())) | {"according"}
        self.pronoun_classes: dict[str, frozenset[str] | None] = {}
        actors = frozenset(SPEAKING_FOR)
        for kind, words in rules.lexicon.get("headless_subject_pronouns", {}).items():
            for word in words:
                classes = {"person": frozenset({"Person"}), "first": ANY}.get(kind, actors)
                self.pronoun_classes[word] = classes
        self.descriptions = {word: frozenset(classes)
                             for word, classes in rules.lexicon.get("coref_heads", {}).items()}
        self.designation = re.compile(DESIGNATION)
        self.need_words = frozenset(w for cues in self.cues.values() for cue in cues for need in cue.needs
                                    for w in need)
        self._words: dict[int, Word] = {}  # what the choice needs to know of each word, by its ORTH
        self.sentencizer = Sentencizer()  # its punctuation
        self._ender_ids: dict[int, bool] = {}
        strings = nlp.vocab.strings
        abbreviations = {w[:-1] for key in ("ranks", "honorifics") for w in rules.lexicon.get(key, ())
                         if w.endswith(".")}
        abbreviations |= set("abcdefghijklmnopqrstuvwxyz")  # initials
        self.abbreviations = frozenset(strings.add(w) for w in abbreviations)
        self.rulers = [nlp.get_pipe(name) for name in CATALOG_RULERS if name in nlp.pipe_names]
        self.has_bound_prefixes = "bound_prefixes" in nlp.pipe_names
        self.dep_ids = (nlp.vocab.strings.add(UNPARSED_ROOT), nlp.vocab.strings.add(UNPARSED_DEP))

    # -- the cheap pass -------------------------------------------------------------------
    def cheap_doc(self, text: str) -> Doc:
        """Tokens, sentence bounds (as a flat tree) and the catalog's names of ``text``."""
        doc = self.nlp.make_doc(text)
        if self.has_bound_prefixes and BOUND_PREFIX_TEXT.search(text):
            doc = self.nlp.get_pipe("bound_prefixes")(doc)
        self._flat_tree(doc, self._sentence_starts(doc, text))
        for ruler in self.rulers:
            # the phrase matchers only: the token patterns need tags
            matches = ruler.phrase_matcher(doc)
            labels = ruler._match_label_id_map
            ruler.set_annotations(doc, sorted({Span(doc, start, end, label=labels[key]["label"],
                                                    span_id=labels[key]["id"])
                                               for key, start, end in matches if start != end}))
        return doc

    def _sentence_starts(self, doc: Doc, text: str) -> numpy.ndarray:
        """spaCy's rule sentencizer (a sentence ends after its final punctuation), a sentence never
        runs over a line break (``paragraph_breaks``), and blank space ends the sentence before it,
        as the parser has it; on token arrays, as the Python loops over tokens cost too much here."""
        n = len(doc)
        starts = numpy.zeros(n, dtype=bool)
        if not n:
            return starts
        array = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IDX, SPACY, LOWER])
        orth, punct, space, idx, spaced, lower = (array[:, k] for k in range(6))
        enders = self._enders(orth)
        # "Lt. Gen. Ann Roe", "J. Doe": a rank's or an initial's period ends no sentence
        for i in numpy.flatnonzero(enders[1:]) + 1:
            if not spaced[i - 1] and int(lower[i - 1]) in self.abbreviations and doc[int(i)].text == ".":
                enders[i] = False
        seen_end = False
        for i in range(n):
            if seen_end and not punct[i] and not enders[i]:
                starts[i] = True
                seen_end = False
            elif enders[i]:
                seen_end = True
        for position in (m.start() for m in NEWLINE.finditer(text)):
            i = int(numpy.searchsorted(idx, position, side="right"))  # the token after the one holding it
            if i < n:
                starts[i] = True
        for i in numpy.flatnonzero(starts & (space != 0)):
            starts[i] = False
            if i + 1 < n:
                starts[i + 1] = True
        starts[0] = True
        return starts

    def _enders(self, orth: numpy.ndarray) -> numpy.ndarray:
        strings = self.nlp.vocab.strings
        known = self._ender_ids
        for key in numpy.unique(orth):
            if int(key) not in known:
                known[int(key)] = strings[int(key)] in self.sentencizer.punct_chars
        return numpy.fromiter((known[int(key)] for key in orth), dtype=bool, count=len(orth))

    def _flat_tree(self, doc: Doc, starts: numpy.ndarray) -> None:
        index = numpy.arange(len(doc), dtype=numpy.int64)
        first = numpy.maximum.accumulate(numpy.where(starts, index, 0))
        array = numpy.zeros((len(doc), 2), dtype="uint64")
        array[:, 0] = (first - index).astype("int64").view("uint64")
        array[:, 1] = numpy.where(starts, self.dep_ids[0], self.dep_ids[1])
        doc.from_array([HEAD, DEP], array)

    # -- the choice ------------------------------------------------------------------------
    def chosen(self, doc: Doc) -> list[bool]:
        """For each sentence of the cheap ``doc``, whether the statistical pipeline must read it."""
        sents = list(doc.sents)
        actor_at: dict[int, tuple[int, str]] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                actor_at[i] = (ent.start, ent.label_)
        orth = doc.to_array(ORTH)
        words = [self._word(int(key)) for key in orth]
        facts = [self._facts(sent.start, sent.end, words, actor_at, doc) for sent in sents]
        chosen = [f.claim for f in facts]
        supplied = False
        for index, f in enumerate(facts):
            # "It later sent missiles too": a supply with no recipient takes the one before
            if f.supply and f.actors and index and chosen[index - 1]:
                chosen[index] = True
            # "The package includes ...": the contents of the last supply
            if supplied and f.contents:
                chosen[index] = True
            supplied |= chosen[index] and f.supply
        # "Canada sanctioned X. Y was also designated.": a sanction naming only its target takes
        # its sanctioner from one a few sentences before (``discourse.announced_agents``)
        reach, announcing = max(AGENT_FROM_BEFORE.values(), default=0), None
        for index, f in enumerate(facts):
            beside = [j for j in (index - 1, index + 1) if 0 <= j < len(facts) and facts[j].actors >= 2]
            if f.counted and beside:
                # "X sanctioned two ministers. A and B will ...": the sentences beside it may name
                # a counted target's members (``member_lists.with_counted_members``)
                for j in [index, *beside]:
                    chosen[j] = True
            if chosen[index] and f.announcing:
                announcing = index
            elif f.agentless and announcing is not None and index - announcing <= reach:
                chosen[index] = True
        for index in range(len(sents) - 1, 0, -1):
            if chosen[index] and facts[index].leans:  # the antecedent of a pronoun or a description,
                for before in range(max(0, index - DESCRIPTION_REACH), index):  # as far back as
                    chosen[before] = True  # resolution looks for one
        self._speakers(sents, facts, chosen)
        self._first_named(facts, chosen)
        return chosen

    @staticmethod
    def _first_named(facts: list[Facts], chosen: list[bool]) -> None:
        """A name in a chosen sentence takes along the sentence that names it first: news names a
        person or a body in full once ("Jeff Davis", "Combined Task Force 405 (CTF 405)") and by a
        short form after ("Davis", "CTF 405"), and resolution joins the two there."""
        first: dict[str, int] = {}
        for index, f in enumerate(facts):
            for word in f.names:
                first.setdefault(word, index)
        spelled: dict[str, int] = {}  # an acronym -> the first sentence whose names' initials spell it
        for index in [i for i, pick in enumerate(chosen) if pick]:
            for word in facts[index].names:
                chosen[first[word]] = True
            for acronym in facts[index].acronyms:  # "CAIR" for "the Council on American Islamic Relations"
                if acronym not in spelled:
                    spelled[acronym] = next((i for i, f in enumerate(facts)
                                             if any(acronym in run for run in f.initials)), -1)
                if spelled[acronym] >= 0:
                    chosen[spelled[acronym]] = True

    def _word(self, key: int) -> Word:
        word = self._words.get(key)
        if word is None:
            self._words[key] = word = self._new_word(self.nlp.vocab.strings[key])
        return word

    def _new_word(self, text: str) -> Word:
        lower = text.lower()
        forms = self.lemmas(lower)
        cues = tuple(cue for form in sorted(forms & self.cue_words) for cue in self.cues[form])
        needs = set(forms & self.need_words)
        kind, classes = NO_ACTOR, None
        capital = text[:1].isupper()
        if lower in self.catalog.by_demonym and capital:
            kind, classes = ACTOR, frozenset({self.catalog.entries[self.catalog.by_demonym[lower]].type})
        elif lower in self.pronoun_classes:
            kind, classes = LEANING, self.pronoun_classes[lower]
        elif text.isalpha() and capital:
            kind = NAME
        elif lower in self.descriptions:
            kind, classes = DESCRIPTION, self.descriptions[lower]
        elif self.designation.match(text):
            needs.add(WEAPON)
        compound = self.catalog.abbreviated_compound(lower)
        if compound is not None:  # "U.S.-backed" kept whole by the tokenizer: a name and a compound cue
            actor, last = compound
            kind, classes = ACTOR, frozenset({self.catalog.entries[actor].type})
            cues += tuple(cue for form in sorted(self.lemmas(last) & self.cue_words)
                          for cue in self.cues[form] if cue.after_dash)
        return Word(lower=lower, cues=cues, needs=frozenset(needs), kind=kind, classes=classes,
                    content_noun=lower in self.content_nouns,
                    content_verb=not forms.isdisjoint(self.content_verbs),
                    speech=not forms.isdisjoint(self.speech), title=not forms.isdisjoint(self.titles),
                    acronym=len(text) > 1 and text.isupper())

    def _facts(self, start: int, end: int, words: list[Word], actor_at: dict[int, tuple[int, str]],
               doc: Doc) -> Facts:
        found: list[tuple[Cue, int]] = []
        needs: set[str] = set()
        actors: dict[int, frozenset[str] | None] = {}
        contents_noun = contents_verb = speech = False
        leaning: set[int] = set()
        previous_name = -2
        names: set[str] = set()
        initials, acronyms = [""], set()  # runs of capitals' initials ("Council on Foo Bar": "CFB")
        for i in range(start, end):
            word = words[i]
            if word.kind in (NAME, ACTOR) or i in actor_at:  # a name, a demonym, a catalog name
                initials[-1] += word.lower[:1].upper()
                if word.acronym and 2 <= len(word.lower) <= ACRONYM_LETTERS and word.lower.isalpha():
                    acronyms.add(word.lower.upper())
            elif word.lower not in INITIALS_SKIP and initials[-1]:
                initials.append("")
            if word.cues:
                found += [(cue, i) for cue in word.cues]
            if word.needs:
                needs |= word.needs
            contents_noun |= word.content_noun
            contents_verb |= word.content_verb
            speech |= word.speech
            if i in actor_at:
                first, label = actor_at[i]
                if label == WEAPON_CLASS:
                    needs.add(WEAPON)
                else:
                    actors[first] = frozenset({label})
            elif word.kind == ACTOR:
                actors[i] = word.classes
            elif word.kind == NAME and word.title:
                previous_name = -2  # "FCO Minister Ann Roe": a title parts the names around it
            elif word.kind == NAME:
                names.add(word.lower)
                if previous_name != i - 1:  # one name however many words it has
                    # a sentence's first word is capitalised anyway: a name if the next word is too,
                    # or if it is all capitals ("CTF 405 is led by ...")
                    if i != start or word.acronym or (i + 1 < end and words[i + 1].kind == NAME):
                        actors[i] = ANY
                previous_name = i
            elif word.kind == LEANING:
                actors[i] = word.classes
                leaning.add(i)
            elif word.lower in PAIR_NOUNS and any(words[j].lower in ("two", "both") for j in range(max(start, i - 2), i)):
                actors[i] = actors[-1 - i] = STATES  # "the two countries", "both nations": two ends
                leaning.add(i)
            elif word.kind == DESCRIPTION and any(words[j].lower in DEFINITE
                                                  for j in range(max(start, i - DESCRIPTION_WINDOW), i)):
                actors[i] = word.classes
                leaning.add(i)
        cues = [cue for cue, i in found
                if all(not need.isdisjoint(needs) for need in cue.needs)
                and (not cue.after_dash or (i >= start + 2 and doc[i - 1].text in DASHES)
                     or "-" in doc[i].text[1:])]
        claim = any(two_ends(cue, actors) for cue in cues)
        announced = [cue for cue in cues if cue.announced]
        agentless = any(fits(classes, cue.range) for cue in announced for classes in actors.values())
        counted = any(words[i].lower in NUMBER_WORDS for i in range(start, end)) and any(
            fits(classes, cue.domain) for cue in announced for classes in actors.values())
        # the sentences before matter when a claim may rest on a pronoun or a description, even
        # beside names enough for one ("The company's founders, A and B, said ..."): resolution
        # reaches back for its antecedent whatever else the sentence names
        leans = claim and any(fits(actors[key], cue.domain) or fits(actors[key], cue.range)
                              for cue in cues for key in leaning)
        return Facts(claim=claim, actors=len(actors), supply=any(c.supply for c in cues), leans=leans,
                     announcing=claim and any(two_ends(cue, actors) for cue in announced), agentless=agentless,
                     counted=counted,
                     contents=contents_noun and contents_verb, speech=speech, names=frozenset(names),
                     initials=tuple(run for run in initials if len(run) > 1), acronyms=frozenset(acronyms))

    def _speakers(self, sents: list[Span], facts: list[Facts], chosen: list[bool]) -> None:
        """A chosen sentence of a quotation takes along the sentences that may name its speaker: in
        its quotation, or in the one before when it opens the next paragraph with a quotation mark."""
        from .quotes import opens_paragraph, quotations

        groups = quotations(sents)
        members: dict[int, list[int]] = {}
        for index, group in enumerate(groups):
            if group is not None:
                members.setdefault(group, []).append(index)
        for group, indexes in members.items():
            if not any(chosen[i] for i in indexes):
                continue
            named = [i for i in indexes if facts[i].speech]
            for i in named:
                chosen[i] = True
            first = indexes[0]
            if not named and first and groups[first - 1] is not None and opens_paragraph(sents[first]) \
                    and sents[first].text.lstrip()[:1] in QUOTE_OPENINGS:
                for i in members[groups[first - 1]]:
                    chosen[i] = chosen[i] or facts[i].speech

    # -- the joined Doc --------------------------------------------------------------------
    def segments(self, text: str) -> list[Doc | str]:
        """The cheap Doc of ``text``, then the texts of its runs of chosen sentences, in order, for
        the statistical pipeline; ``join`` lays their parses over the cheap Doc."""
        doc = self.cheap_doc(text)
        sents = list(doc.sents)
        chosen = self.chosen(doc)
        runs: list[tuple[int, int]] = []
        for index, sent in enumerate(sents):
            if not chosen[index]:
                continue
            if runs and runs[-1][1] == sent.start:
                runs[-1] = (runs[-1][0], sent.end)
            else:
                runs.append((sent.start, sent.end))
        doc.user_data[RUNS] = runs
        ends = [doc[end].idx if end < len(doc) else len(text) for _, end in runs]
        return [doc] + [text[doc[start].idx:end] for (start, _), end in zip(runs, ends)]


NO_ACTOR, ACTOR, NAME, LEANING, DESCRIPTION = range(5)  # what a word may be as a claim's end


@dataclass(frozen=True, slots=True)
class Word:
    """What the choice needs to know of a word."""

    lower: str
    cues: tuple[Cue, ...]  # the cues its forms may be
    needs: frozenset[str]  # the words of cue conditions it is (or WEAPON)
    kind: int
    classes: frozenset[str] | None  # the classes of actor it may stand for (ANY: unknown)
    content_noun: bool
    content_verb: bool
    speech: bool
    title: bool  # a title of a person's post ("Minister")
    acronym: bool


@dataclass(frozen=True, slots=True)
class Facts:
    """What the cheap pass sees in a sentence."""

    claim: bool  # a cue whose conditions hold, with candidates for both its ends
    actors: int
    supply: bool  # a cue of a relation whose end the sentence before may supply
    leans: bool  # a pronoun or a description may be an end: its antecedent may be in the sentences before
    contents: bool  # "The package includes ...": may name what the last supply held
    speech: bool  # a verb of saying: may name a quotation's speaker
    names: frozenset[str]  # its capitalised words, not of the catalog
    initials: tuple[str, ...] = ()  # the initials of its runs of capitalised words
    acronyms: frozenset[str] = frozenset()  # its names in capitals that a run's initials may spell
    announcing: bool = False  # a cue of a relation whose agent later sentences may leave unsaid, with both ends
    agentless: bool = False  # a cue of such a relation with a candidate for its object
    counted: bool = False  # a cue of such a relation with a candidate for its agent, and a count ("two officials")
