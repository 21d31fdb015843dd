"""Roles and titles: "Hezbollah leader Nasrallah", "Iran's proxy Hezbollah",
"Syria is an ally of Iran" -- a role noun between a holder and an owner.

A head title ("president", "leader", "commander") gives leads only when it heads the whole
owner; narrowed to a field ("military chief"), a place ("a leader in the camp"), a part of the
owner ("the agency's chief") or one of several ("a senior leader", "one of the leaders") it
gives officialOf. Past titles ("former", "then-", "the late") keep their relation: it was true
of the time the sentence speaks of, and every claim carries its sentence and date."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .discourse import article_owner, implied_owner, known_office
from .forms import Found, sense_of
from .member_lists import titled_list
from .modality import modality
from .noun_phrases import appos_antecedent, described_entities, noun_phrase_entities, such_as
from .senses import noun_sense
from .syntax import MODIFIER_DEPS, Context, pobjs, verb_in
from .title_links import conjunct_owner, counterpart_relation

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule


def _title_words(tok: Token) -> list[Token]:
    """Modifiers written before a title noun: "prime", "foreign", "deputy"."""
    return [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]


def _title_match(tok: Token, rule: Rule) -> bool:
    words = _title_words(tok)
    phrases = {tok.lemma_.lower(), tok.lower_}
    if words:
        phrases |= {f"{words[-1].lower_} {tok.lower_}", f"{words[-1].lower_} {tok.lemma_.lower()}"}
    return bool(phrases & rule.lemmas)


def _one_of(tok: Token) -> Token | None:
    """The "one" of "one of the leaders": the word that stands for the holder."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "among") and tok.head.head.lower_ in PARTITIVE_WORDS:
        return tok.head.head
    return None


def _holders(ctx: Context, tok: Token) -> list[str]:
    partitive = _one_of(tok)
    if partitive is not None:
        tok = partitive
    at, named_after = _name_after_owner(ctx, tok)
    plural = tok.tag_ in ("NNS", "NNPS")  # "officials: A, B and C" names each holder
    listed = titled_list(ctx, tok) if plural else []
    if listed:
        return listed
    for child in tok.children:
        if child.dep_ == "appos" and tok.i < child.i < at and not _listed_owner(ctx, tok, child):
            found = noun_phrase_entities(ctx, child, conjuncts=False)
            if found:
                return found + (_people_listed(ctx, child) if plural else [])
    if named_after:
        return named_after
    head = tok
    for _ in range(3):  # "Commander General Michael Kurilla": titles stack up before a name
        if head.dep_ not in ("compound", "amod", "nmod") or head.head.i == head.i:
            break
        head = head.head
        if ctx.entity(head):
            return [ctx.entity(head)] + (_people_listed(ctx, head) if plural else [])
    if tok.dep_ == "compound" and tok.head.dep_ != "compound":
        found = described_entities(ctx, tok.head)
        if found:
            return found[:1]
    if tok.dep_ == "appos":
        return noun_phrase_entities(ctx, appos_antecedent(tok, ctx), conjuncts=False)
    if tok.dep_ == "attr":
        return [e for c in tok.head.children if c.dep_ == "nsubj" for e in noun_phrase_entities(ctx, c)]
    return _holder_of_role_verb(ctx, tok)


def _people_listed(ctx: Context, name: Token) -> list[str]:
    """The other people of a list a plural title names: "Acme members Jane Roe and John Doe",
    "two officials, Jane Roe, John Doe and Ann Lee": each is a holder of the title."""
    found = [e for conj in name.conjuncts for e in noun_phrase_entities(ctx, conj, conjuncts=False)]
    return [e for e in dict.fromkeys(found) if ctx.types.get(e) == "Person" and e != ctx.entity(name)]


def _holder_of_role_verb(ctx: Context, tok: Token) -> list[str]:
    """The holder a verb of taking or giving a post gives a title to (``role_verbs``): "X serves
    as commander of Y", "Y appointed X as its leader", "X was named head of Y": the one named,
    else the subject. Verbs of seeing or calling ("recognized X as the leader", "identified them
    as members") state another's view, not a post, and are not among them."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "as":
        verb = tok.head.head
    elif tok.dep_ == "oprd":
        verb = tok.head
    else:
        return []
    if verb.pos_ not in ("VERB", "AUX") or not verb_in(verb, ctx.words("role_verbs")):
        return []
    for dep in ("nsubjpass", "dobj", "nsubj"):
        named = [c for c in verb.children if c.dep_ == dep]
        if named:  # the first of these the verb has is the holder, whoever it names
            return [e for c in named for e in noun_phrase_entities(ctx, c, conjuncts=False)
                    if ctx.types.get(e) == "Person"]
    return []


def _name_after_owner(ctx: Context, tok: Token) -> tuple[int, list[str]]:
    """"the envoy to the UN, Jane Roe," and "the head of the agency, Jane Roe,": the parser
    hangs the name on the owner, but a person's name beside a body describes the title.
    Returns where the name is (past the sentence end if none) and whom it names."""
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if ctx.types.get(ctx.entity(pobj) or "") == "Person":
                continue
            # "the rights group Al-Nour": a name right after a body's noun is the body's, whatever
            # class it was given; set off by a comma it may be the holder's
            named_body = _body_qualifier(ctx, pobj) and pobj.lemma_.lower() not in PART_NOUNS
            for appos in (a for a in pobj.children if a.dep_ == "appos" and (_after_comma(ctx, a) or not named_body)):
                people = [e for e in noun_phrase_entities(ctx, appos, conjuncts=False)
                          if ctx.types.get(e) == "Person"]
                if people:
                    return appos.i, people
    return len(ctx.doc), []


def _after_comma(ctx: Context, tok: Token) -> bool:
    start = tok.left_edge.i
    return start > 0 and ctx.doc[start - 1].text == ","


OWNER_PRIORITY = {"compound": 0, "nmod": 0, "poss": 1, "amod": 2, "prep": 3}
# A diplomat is an official of the state that sends them, not of the body they are sent to:
# "Israel's UN ambassador", "the Palestinian UN envoy".
ENVOY_OWNER_PRIORITY = {"poss": 0, "amod": 1, "compound": 2, "nmod": 2, "prep": 3}
PARTITIVE_WORDS = ("one", "some", "two", "three", "several", "many")
# parts of a body, named by their body and not by a name of their own: "the political bureau Jane Roe"
PART_NOUNS = ("bureau", "arm", "desk", "chapter", "country", "minority", "community", "diaspora")
PORTFOLIO_NOUNS = ("affairs", "relations")
ORGANISATION_CLASSES = ("Organization", "ArmedGroup", "GovernmentBody", "MediaOutlet")
SCOPE_CLASSES = ("State", "Place")


def _listed_owner(ctx: Context, title: Token, child: Token) -> str | None:
    """The organisation a title is followed by in a list of appositions, the military style
    "General Jane Roe, commander, Northern Command": the title stands beside a person, and the
    apposition after it is a body, not a second name for that person."""
    if title.dep_ != "appos" or child.i < title.i:
        return None
    eid = ctx.entity(child)
    if not eid or ctx.types.get(eid) not in ORGANISATION_CLASSES:
        return None
    holders = noun_phrase_entities(ctx, appos_antecedent(title, ctx), conjuncts=False)
    return eid if any(ctx.types.get(h) == "Person" for h in holders) else None


def _owner_beside(ctx: Context, tok: Token) -> list[str]:
    """The organisation named in the apposition right after an appositive title."""
    if tok.dep_ != "appos":
        return []
    siblings = [c for c in tok.head.children if c.dep_ == "appos" and c.i > tok.i]
    candidates = [c for c in tok.children if c.dep_ == "appos" and c.i > tok.i] + siblings[:1]
    return [e for c in candidates if (e := _listed_owner(ctx, tok, c))][:1]


def _owner_candidates(ctx: Context, tok: Token, holders: list[str], rule: Rule) -> tuple[list[str], bool]:
    """Who the title is a title of, surest first, and whether via a sub-unit ("its naval forces")."""
    demonyms = rule.relation in ("leads", "officialOf")
    # "close Russian ally X": a state's demonym owns an alliance unless a possessive names the owner
    # ("its Syrian ally X": the possessive's, the demonym is the ally's own)
    demonyms |= rule.relation == "alliedWith" and not any(c.dep_ == "poss" for c in tok.children)
    priority = ENVOY_OWNER_PRIORITY if _is_envoy(ctx, tok) else OWNER_PRIORITY
    subunit = False
    found: list[tuple[int, int, str]] = []
    by_preposition: list[str] = []
    scopes = [tok] + ([tok.head] if tok.dep_ in ("compound", "amod", "nmod") else [])
    qualified_body = any(_body_qualifier(ctx, c) for s in scopes for c in s.children
                         if c.dep_ in ("compound", "nmod") and c.i < tok.i)
    for scope in scopes:
        for child in scope.children:
            if child.i == tok.i or (scope is not tok and child.i > tok.i) or child.dep_ not in OWNER_PRIORITY:
                continue
            rank = (priority[child.dep_], abs(child.i - tok.i))
            if child.dep_ == "prep" and child.lower_ in rule.owner_preps:
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    named = [e for e in noun_phrase_entities(ctx, pobj, conjuncts=False) if e not in holders]
                    named = [o for e in named for o in _portfolio_owner(ctx, pobj, e)]
                    if _body_qualifier(ctx, pobj) or _portfolio(ctx, pobj):  # "leader of Syria's Kurdish minority group"
                        named = [e for e in named if ctx.types.get(e) not in SCOPE_CLASSES]
                    named = named or _modifier_owners(ctx, pobj)
                    subunit |= bool(named) and not ctx.entity(pobj)  # "chief of the Israeli army"
                    found += [(*rank, e) for e in named]
                    by_preposition += named
            elif child.dep_ != "prep":
                eid = ctx.entity(child) or (ctx.demonym(child) if demonyms else None)
                named = [eid] if eid else noun_phrase_entities(ctx, child, conjuncts=False)
                named = [o for e in named for o in _portfolio_owner(ctx, child, e)]
                if qualified_body or _body_qualifier(ctx, child):
                    # "Israeli NGO director", "the Cairo bureau chief": the country qualifies a body
                    # or places the post; it does not hold it
                    named = [e for e in named if ctx.types.get(e) not in SCOPE_CLASSES]
                found += [(*rank, e) for e in named]
                # "the UN health agency's chief": the post heads a part of the body named
                subunit |= (bool(named) and not eid and child.dep_ == "poss" and child.pos_ == "NOUN"
                            and child.lemma_.lower() not in ctx.words("org_type_nouns"))
    ordered = [e for *_, e in sorted(found)] + _owner_beside(ctx, tok)
    owners = [e for e in dict.fromkeys(ordered) if e not in holders]
    # "the UK director at an aid group": the country scopes the post, the group holds it
    bodies = [e for e in owners if ctx.types.get(e) in ORGANISATION_CLASSES and e in by_preposition]
    if bodies and owners[0] != bodies[0] and ctx.types.get(owners[0]) in SCOPE_CLASSES:
        owners = bodies + [e for e in owners if e not in bodies]
        subunit = True
    return owners, subunit


def _portfolio_owner(ctx: Context, tok: Token, eid: str) -> list[str]:
    """The owner a name stands for, unless NER took a post's field for a body: "Foreign Affairs"
    in "Foreign Affairs Minister X", "British Defence" in "British Defence Secretary X" name no
    body, and the state a demonym inside such a name gives is the owner ("British": the UK)."""
    span = next(((start, end) for start, end, e in ctx.mention_spans if e == eid and start <= tok.i < end), None)
    if span is None or eid in ctx.catalog.entries:
        return [eid]  # a body the catalog knows ("Treasury") is one, whatever its words
    words = ctx.doc[span[0]:span[1]]
    fields = ctx.words("portfolio_words")
    if not all(w.lower_ in fields or w.is_punct or ctx.demonym(w) for w in words) or \
            not any(w.lower_ in fields for w in words):
        return [eid]
    # only a state the article names: a claim's ends are the article's entities
    return [s for w in words if (s := ctx.demonym(w)) and ctx.types.get(s) == "State"][:1]


def _body_qualifier(ctx: Context, noun: Token) -> bool:
    """A common noun for a body that is no organ of a state ("group", "charity", "bureau",
    "country" in "country director"): a country named beside it only qualifies it."""
    return not ctx.entity(noun) and (noun.lemma_.lower() in ctx.words("body_qualifier_nouns")
                                     or noun.lower_ in ctx.words("body_qualifier_nouns"))


def _portfolio(ctx: Context, pobj: Token) -> bool:
    """"secretary for Israel and Palestinian affairs": a country named as the field of a post. The
    parser often hangs "affairs" elsewhere, so the words up to the holder's name are read."""
    for word in ctx.doc[pobj.i:]:
        if word.lower_ in PORTFOLIO_NOUNS:
            return True
        if word.is_punct or word.pos_ in ("VERB", "AUX") or ctx.types.get(ctx.entity(word) or "") == "Person":
            return False
    return False


def _modifier_owners(ctx: Context, noun: Token) -> list[str]:
    """"commander of Hamas naval forces Jane Roe": the owner named in the modifiers of a noun
    whose apposition is the holder's name."""
    found = [ctx.entity(c) or ctx.demonym(c) for c in noun.children if c.dep_ in MODIFIER_DEPS and c.i < noun.i]
    if _body_qualifier(ctx, noun):
        # "the US arm of the charity Oxfam": a part of the body named after it; "the Hamas political
        # bureau": a body's organ, but "the Egyptian community centre" is no organ of Egypt
        parts = [e for o in pobjs(noun, "of") for e in noun_phrase_entities(ctx, o, conjuncts=False)]
        owners = [e for c in noun.children if c.dep_ == "poss" for e in noun_phrase_entities(ctx, c)]
        found = parts[:1] + found + owners
        return [e for e in found if e and ctx.types.get(e) in ORGANISATION_CLASSES][:1]
    return [e for e in found if e]


def _is_envoy(ctx: Context, tok: Token) -> bool:
    return tok.lemma_.lower() in ctx.words("envoy_titles") or tok.lower_ in ctx.words("envoy_titles")


def _qualified(ctx: Context, tok: Token) -> bool:
    """Whether a title names a post inside its owner rather than the owner's head: a deputy, a
    department ("humanitarian chief", "army chief"), a place ("a leader in the camp"), or one of
    several ("a senior leader", "one of the leaders")."""
    demoting = ctx.words("title_prefixes_demoting")
    words = [w for t in _title_words(tok) for w in t.subtree if w.i < tok.i]
    words += [w for o in pobjs(tok, "of") for w in o.subtree]  # "commander of naval forces"
    if any(w.lower_ in demoting and not ctx.entity(w) for w in words):
        return True
    if _one_of(tok) is not None or _one_of_several(tok) or _domain_modifier(ctx, tok) or _local_scope(ctx, tok):
        return True
    # "head of audio": head of something that is no actor
    return any(not noun_phrase_entities(ctx, o) for o in pobjs(tok, "of"))


def _heads_another_post(ctx: Context, tok: Token) -> bool:
    """"the court's chief prosecutor", "the head nurse": a head title before another post's noun
    ranks that post; its holder heads no body ("chief executive" alone is the body's head)."""
    if tok.dep_ not in ("amod", "compound") or tok.i + 1 >= len(ctx.doc):
        return False
    post = ctx.doc[tok.i + 1]  # the head itself, or a modifier of the same name ("chief prosecutor Jane Roe")
    if post.i != tok.head.i and not (post.head.i == tok.head.i and post.dep_ in ("amod", "compound")):
        return False
    kept = ctx.words("ranks") | ctx.words("honorifics") | {"executive"}
    return post.pos_ == "NOUN" and not ctx.entity(post) and post.lower_ not in kept


def _one_of_several(tok: Token) -> bool:
    """"a Hamas leader", "rebel commanders": one of several holders, so not the head. A former
    holder ("a former president of X") did head X once and is left to the past-role reading."""
    if tok.tag_ in ("NNS", "NNPS"):
        return True
    article = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an")]
    past = [c for c in tok.children if c.lower_ in ("former", "ex", "late", "deceased")]
    return bool(article) and not past


def _domain_modifier(ctx: Context, tok: Token) -> bool:
    """A word naming a field of the owner before the title: "military chief", "aid chief",
    "politburo head". Demonyms, names, titles and ranks are not fields; nor are the words that
    keep a title whole ("supreme", "prime", "former", "top")."""
    kept = ctx.words("title_prefixes_kept") | ctx.rules.name_prefixes | ctx.words("ranks")
    # the kind of body the owner is ("the Wagner mercenary group chief") is no field of it
    kept |= ctx.words("org_type_nouns") - ctx.words("generic_actor_nouns")
    for word in _title_words(tok):
        if word.lower_ in kept or word.lemma_.lower() in kept:
            continue
        if ctx.entity(word) or ctx.demonym(word):
            continue
        if any(ctx.types.get(ctx.entity(w) or "", "State") not in SCOPE_CLASSES for w in word.subtree):
            continue  # the owner's own name; a place inside the word ("Gaza bureau") is still a field
        # a capitalised word is more often part of an owner's name the catalog lacks than a field
        if word.pos_ in ("NOUN", "ADJ") and word.is_alpha and not word.is_title:
            return True
    return False


def _local_scope(ctx: Context, tok: Token) -> bool:
    """"a leader in the camp", "the commander in the north": a post held in one place. "in" is
    a local scope only when the owner is named another way; alone it may name the owner."""
    def is_place(p: Token) -> bool:
        return p.ent_type_ not in ("DATE", "TIME") and ctx.types.get(ctx.entity(p) or "", "Place") in SCOPE_CLASSES

    places = [p for p in pobjs(tok, "in") if is_place(p)]
    others = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss", "amod") and
              (ctx.entity(c) or ctx.demonym(c))]
    if places and others:
        return True
    # "head of the aid agency in the north": the place may hang on the owner named by "of"
    bodies = [o for o in pobjs(tok, "of") if ctx.types.get(ctx.entity(o) or "") in ORGANISATION_CLASSES]
    return any(is_place(p) and ctx.entity(p) != ctx.entity(b) for b in bodies for p in pobjs(b, "in"))


ROLE_HOLDER_CLASSES = ("State", "Person", "ArmedGroup", "Organization", "GovernmentBody")


def _name_written_after(ctx: Context, tok: Token) -> list[str]:
    """"its ally, Syrian President X", "its ally the Y movement", "its allies X and Y": the parser
    often hangs the name after a role noun elsewhere (an object of the verb, an apposition of the
    clause), yet a name written right after the role noun is who holds it. Titles, demonyms, "the"
    and one comma may stand between; a plural role takes the names listed with "," and "and"."""
    doc, names, i = ctx.doc, [], tok.i + 1
    skippable = ctx.rules.title_words | {"the", ","}
    while i < len(doc) and i <= tok.i + 4 and not ctx.entity(doc[i]) and (
            doc[i].lower_ in skippable or ctx.demonym(doc[i])):
        i += 1
    while i < len(doc) and (eid := ctx.entity(doc[i])) and ctx.types.get(eid) in ROLE_HOLDER_CLASSES:
        names.append(eid)
        while i < len(doc) and ctx.entity(doc[i]) == eid:
            i += 1
        if tok.tag_ not in ("NNS", "NNPS"):
            break
        while i < len(doc) and doc[i].lower_ in (",", "and", "the") and i + 1 < len(doc):
            i += 1
    return list(dict.fromkeys(names))


def relnoun_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """Titles and roles: "Hezbollah leader Nasrallah", "Iran's proxy Hezbollah"."""
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or ctx.entity(tok) or not _title_match(tok, rule):
        return
    head = tok.head.lemma_.lower()
    if tok.dep_ in ("compound", "amod") and head in ctx.rules.title_words and head not in ctx.words("ranks"):
        return  # "chief" in "chief spokesman" is part of another title
    if rule.senses and not noun_sense(ctx, tok, sense_of(tok, rule)):
        return  # "a member of the alliance", not of a parliament or a club
    holders = _holders(ctx, tok)
    if not holders and rule.relation not in ("leads", "officialOf"):
        # role nouns of two actors ("ally", "proxy"); titles have their own patterns of names
        holders = _name_written_after(ctx, tok)
    if not holders and rule.relation not in ("leads", "officialOf") and tok.tag_ in ("NNS", "NNPS"):
        # "US allies such as X and Y", "Iran's proxies, including X"; a person listed is one of
        # the allies' people ("its allies, including their leader X"), not an ally
        holders = [e for e in such_as(ctx, tok) if ctx.types.get(e) != "Person"]
    owners, subunit = _owner_candidates(ctx, tok, holders, rule)
    if rule.relation in ("leads", "officialOf"):
        owners = [e for e in owners if ctx.types.get(e) != "Person"]
    if not owners and len(holders) >= 2 and rule.direction == "holder" and tok.dep_ == "attr":
        # "Syria and Iran are allies": each of the other
        yield Found(tuple(holders), rule.relation, tuple(holders), tok.i, modality(tok, ctx, own_only=True),
                    rule.id)
        return
    via = None
    if holders and not owners and rule.relation in ("leads", "officialOf"):
        owners = conjunct_owner(ctx, tok, holders)  # "X's President A and Interior Minister B"
        via = "conjunct-owner" if owners else None
    if holders and not owners and rule.relation in ("leads", "officialOf"):
        owners = implied_owner(ctx, tok, holders)  # "President Erdogan said Turkey ..."
        via = "implied-owner" if owners else None
    if holders and not owners and rule.relation in ("leads", "officialOf"):
        owners = article_owner(ctx, tok, holders)  # "Chancellor X said ..." in a story on one state
        via = "article-owner" if owners else None
    if holders and (not owners or via in ("implied-owner", "article-owner")) and rule.relation in ("leads", "officialOf"):
        known = known_office(ctx, tok, holders)  # the state a known person serves beats a guess
        if known and owners[:1] != known:
            owners, via = known, "known-office"
    if not holders or not owners:
        return
    relation = counterpart_relation(ctx, tok, holders, rule.relation)  # "his Ruritanian counterpart, X"
    if rule.qualified and (subunit or _qualified(ctx, tok) or _heads_another_post(ctx, tok)):
        relation = rule.qualified
    pair = (tuple(holders), (owners[0],)) if rule.direction == "holder" else ((owners[0],), tuple(holders))
    yield Found(pair[0], relation, pair[1], tok.i, modality(tok, ctx, own_only=True), rule.id, via=via)
