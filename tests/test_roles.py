"""Titles and roles: who heads a body (leads) and who holds a post inside it (officialOf).

A title heads the whole owner only when nothing narrows it: a field ("military chief"), a
place ("a commander in the camp"), one of several ("a senior leader", "one of the leaders")
make it a post of the owner. A diplomat belongs to the state that sends them, a country
director to the body that employs them. A past title ("former", "the late") keeps its
relation: it was true of the time the article speaks of, and the claim's date and sentence
show which time that is."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # a field of the owner before the title: a department head
        ("UN refugee chief Tomas Lindqvist toured the border crossing.",
         ("tomas-lindqvist", "officialOf", "united-nations"), ("tomas-lindqvist", "leads", "united-nations")),
        ("Hezbollah military commander Karim Haddad survived the blast.",
         ("karim-haddad", "officialOf", "hezbollah"), ("karim-haddad", "leads", "hezbollah")),
        # ... but a demonym, a name or a word that keeps the title whole is no field
        ("Hezbollah leader Karim Haddad addressed supporters on Sunday.",
         ("karim-haddad", "leads", "hezbollah"), ("karim-haddad", "officialOf", "hezbollah")),
        ("Chilean President Rosa Ibarra opened the summit.", ("rosa-ibarra", "leads", "chile"), None),
        ("Iran's Supreme Leader Ali Khamenei praised the volunteers.", ("ali-khamenei", "leads", "iran"), None),
        # one of several holders
        ("Karim Haddad, a senior Hamas commander, was arrested at dawn.",
         ("karim-haddad", "officialOf", "hamas"), ("karim-haddad", "leads", "hamas")),
        ("Nadia Karimi, one of the leaders of Hamas, rejected the offer.",
         ("nadia-karimi", "officialOf", "hamas"), ("nadia-karimi", "leads", "hamas")),
        ("Nadia Karimi, the leader of Hamas, rejected the offer.",
         ("nadia-karimi", "leads", "hamas"), ("nadia-karimi", "officialOf", "hamas")),
        # a post held in one place
        ("Karim Haddad, a Hamas commander in the northern camp, denied the report.",
         ("karim-haddad", "officialOf", "hamas"), ("karim-haddad", "leads", "hamas")),
        ("Omar Farid, Hezbollah's leader in the southern district, spoke by phone.",
         ("omar-farid", "officialOf", "hezbollah"), ("omar-farid", "leads", "hezbollah")),
        ("Lena Fischer, head of the ICRC in Yemen, asked for access.",
         ("lena-fischer", "officialOf", "icrc"), ("lena-fischer", "leads", "icrc")),
        ("Lena Fischer, head of the ICRC in 2019, asked for access.", ("lena-fischer", "leads", "icrc"), None),
        # a diplomat is an official of the state that sends them
        ("Norway's UN ambassador Ingrid Solberg called for a vote.",
         ("ingrid-solberg", "officialOf", "norway"), ("ingrid-solberg", "officialOf", "united-nations")),
        ("Norway's envoy to the UN, Ingrid Solberg, called for a vote.",
         ("ingrid-solberg", "officialOf", "norway"), ("ingrid-solberg", "officialOf", "united-nations")),
        ("UN envoy Ingrid Solberg landed in Oslo on Monday.", ("ingrid-solberg", "officialOf", "united-nations"),
         ("ingrid-solberg", "officialOf", "norway")),
        # a country scopes a post of the body named after it
        ("Helen Marsh, Kenya director at Oxfam, said the trucks were turned back.",
         ("helen-marsh", "officialOf", "oxfam"), ("helen-marsh", "officialOf", "kenya")),
        ("Kenyan Foreign Minister Helen Marsh flew to Addis Ababa.", ("helen-marsh", "officialOf", "kenya"), None),
        # military style: rank, name, title, body
        ("General Mark Ellison, commander, US Central Command, visited the carrier.",
         ("mark-ellison", "leads", "us-central-command"), None),
        ("Lt. Gen. Ruth Calder, commander of US Central Command, toured the base.",
         ("ruth-calder", "leads", "us-central-command"), None),
        # the name hung on the owner still describes the title
        ("The head of the Wagner Group, Sergei Ivanov, flew to Bamako.", ("sergei-ivanov", "leads", "wagner-group"), None),
        # past roles are kept
        ("Former Chilean President Rosa Ibarra opened the museum.", ("rosa-ibarra", "leads", "chile"), None),
        ("The late Hezbollah leader Karim Haddad was buried in Beirut.", ("karim-haddad", "leads", "hezbollah"), None),
    ],
)
def test_roles_title_relations(extract, text, expected, unwanted):
    found = relations(extract(text))
    assert expected in found, found
    if unwanted is not None:
        assert unwanted not in found, found


def test_roles_a_person_beside_a_title_is_not_its_owner(extract):
    found = relations(extract("The commander, General Mark Ellison, met Nadia Karimi in Cairo."))
    assert not any(r == "leads" and o in ("nadia-karimi", "mark-ellison") for _, r, o in found), found


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # a part of the body named before the title
        ("Hakim Rahal, the WHO's regional office's chief, visited the clinic.", None,
         ("hakim-rahal", "leads", "world-health-organization")),
        ("Hezbollah's media office's head Karim Haddad denied it.", None, ("karim-haddad", "leads", "hezbollah")),
        # a place inside the field word does not make it the owner's name
        ("Al Jazeera's Cairo bureau chief Laila Nasser filed the report.",
         ("laila-nasser", "officialOf", "al-jazeera"), ("laila-nasser", "leads", "al-jazeera")),
        ("Hezbollah's Beirut office chief Karim Haddad denied it.",
         ("karim-haddad", "officialOf", "hezbollah"), ("karim-haddad", "leads", "hezbollah")),
    ],
)
def test_roles_a_part_of_the_owner_is_not_the_owner(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # the title first, the name after its owner: the name is the holder, the owner's modifier the body
        ("The ministry listed commander of Hezbollah naval forces Hassan Tarek among the targets.",
         ("hassan-tarek", "officialOf", "hezbollah"), ("hassan-tarek", "leads", "hezbollah")),
        ("Sanctions named commander of Hamas rocket units Omar Farid; the others were traders.",
         ("omar-farid", "officialOf", "hamas"), None),
        # a person named after a body is no owner of a title
        ("The commander of Hamas naval forces met Omar Farid in Cairo.", None, ("omar-farid", "officialOf", "hamas")),
    ],
)
def test_roles_name_after_the_owner_holds_the_title(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # a country beside the noun of a body that is no organ of a state qualifies the body or
        # places the post; the body, when named, holds the post
        ("Karim Nasser, Reuters' Beirut bureau chief, said the plan failed.",
         ("karim-nasser", "officialOf", "reuters"), ("karim-nasser", "officialOf", "lebanon")),
        ("Salma Idris, Al Arabiya's Cairo bureau chief, said the talks stalled.",
         ("salma-idris", "officialOf", "al-arabiya"), ("salma-idris", "officialOf", "egypt")),
        ("Lina Sabbagh, executive director of the US arm of the charity Oxfam, said the plan failed.",
         ("lina-sabbagh", "officialOf", "oxfam"), ("lina-sabbagh", "officialOf", "united-states")),
        ("Israeli NGO director Yael Stern said the raids must stop.", None, ("yael-stern", "officialOf", "israel")),
        ("Maya Odeh, a Jordanian civil society leader, spoke at the rally.", None,
         ("maya-odeh", "officialOf", "jordan")),
        ("Ahmad Saleh, leader of Syria's Alawite minority group, said the vote was fair.", None,
         ("ahmad-saleh", "officialOf", "syria")),
        # a country adjective inside the name of a body the catalog lacks is no owner of its posts
        ("The talks were led by then-Lebanese Resistance Front chief Omar Karim in 1990.", None,
         ("omar-karim", "leads", "lebanon")),
        ("The deal was signed by then-Iraqi Liberation Organization head Sami Aziz in 1991.", None,
         ("sami-aziz", "leads", "iraq")),
        # a country named as the field of a post ("for X affairs") is not its owner
        ("Assistant Secretary for Iraq and Syrian Affairs Dana Roe toured the camps.", None,
         ("dana-roe", "officialOf", "iraq")),
        ("Deputy Secretary of State for Israel and Palestinian Affairs Sam Hart was in the region.", None,
         ("sam-hart", "officialOf", "israel")),
        ("Jordan's minister for Palestinian affairs Omar Saleh toured the camps.", ("omar-saleh", "officialOf", "jordan"),
         None),
        ("Omar Saleh, Egypt's envoy for Libyan affairs, toured the camps.", ("omar-saleh", "officialOf", "egypt"), None),
        # the name right after a body's noun is the body's, even when the tagger took it for a person
        ("Omar Haddad, the general director of the Jordanian legal aid group Adalah Watch, said the trial was unfair.",
         None, ("adalah-watch", "officialOf", "jordan")),
        ("Omar Haddad, the general director of the Jordanian legal aid group Adalah Watch, said the trial was unfair.",
         None, ("omar-haddad", "officialOf", "jordan")),
        # ... while an organ of the state, or a body named, still owns the post
        ("Israeli army chief Avi Dror said the operation would widen.", ("avi-dror", "officialOf", "israel"), None),
        ("Hamas political bureau chief Salim Nour arrived in Doha.", ("salim-nour", "officialOf", "hamas"), None),
        ("Salim Nour, a member of Hamas's political bureau, said the talks stalled.",
         ("salim-nour", "officialOf", "hamas"), None),
        ("Rami Saad, member of the Houthi political bureau, warned the Saudis.", ("rami-saad", "officialOf", "houthis"),
         None),
        ("Israel killed the deputy chief of Hamas's political bureau Salim Nour in Beirut.",
         ("salim-nour", "officialOf", "hamas"), None),
        ("Dana Levi, advocacy director of Israeli non-profit group Sikkuy, said the permits were refused.",
         ("dana-levi", "officialOf", "sikkuy"), ("dana-levi", "officialOf", "israel")),
        ("Omar Khatib, Yemen country director at Save the Children, said food was scarce.",
         ("omar-khatib", "officialOf", "save-the-children"), ("omar-khatib", "officialOf", "yemen")),
    ],
)
def test_roles_a_country_beside_a_body_does_not_own_its_post(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # a head title before another post's noun ranks that post: "chief prosecutor" heads no court
        ("The ICC's chief prosecutor Lena Moritz said the inquiry continues.",
         ("lena-moritz", "officialOf", "international-criminal-court"),
         ("lena-moritz", "leads", "international-criminal-court")),
        ("Hezbollah's chief negotiator Rami Saad left Doha.", None, ("rami-saad", "leads", "hezbollah")),
        # the highest-ranking of several holders is still one of them
        ("Kamal Issa, the highest-ranking Hamas leader to be detained, was moved to a prison.",
         ("kamal-issa", "officialOf", "hamas"), ("kamal-issa", "leads", "hamas")),
        ("Nadia Karimi, a high-ranking Hezbollah commander, was wounded.",
         ("nadia-karimi", "officialOf", "hezbollah"), ("nadia-karimi", "leads", "hezbollah")),
        # a head title before a name still heads the body
        ("Hezbollah chief Rami Saad gave a speech on Friday.", ("rami-saad", "leads", "hezbollah"), None),
    ],
)
def test_roles_a_head_title_before_another_post(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # the second of two coordinated titled names shares the first title's owner
        ("The court issued warrants for Chile's President Rosa Ibarra and former Interior Minister Tomas Lindqvist.",
         ("tomas-lindqvist", "officialOf", "chile"), None),
        ("The court issued warrants for Jordan's Prime Minister Omar Farid and former Defence Minister Salim Nour.",
         ("salim-nour", "officialOf", "jordan"), None),
        # a second title that names its own owner keeps it
        ("Reporters met Chilean President Rosa Ibarra and Peruvian Foreign Minister Dana Levi in Lima.",
         ("dana-levi", "officialOf", "peru"), ("dana-levi", "officialOf", "chile")),
        # a first name with no title lends no owner
        ("Rosa Ibarra and Interior Minister Tomas Lindqvist met the Chilean envoy.",
         None, ("tomas-lindqvist", "officialOf", "chile")),
    ],
)
def test_roles_coordinated_titles_share_the_first_owner(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # a word for the holder's standing is no field of the owner: the title still heads it
        ("Peru's populist President Dana Levi addressed the nation on Sunday.",
         ("dana-levi", "leads", "peru"), ("dana-levi", "officialOf", "peru")),
        ("Jordan's caretaker Prime Minister, Omar Farid, said talks were under way.",
         ("omar-farid", "leads", "jordan"), ("omar-farid", "officialOf", "jordan")),
        ("The rally followed a speech by Chile's transitional president, Rosa Ibarra, on Monday.",
         ("rosa-ibarra", "leads", "chile"), ("rosa-ibarra", "officialOf", "chile")),
        # ... while a field still narrows it
        ("Hezbollah's military chief Karim Haddad was wounded.",
         ("karim-haddad", "officialOf", "hezbollah"), ("karim-haddad", "leads", "hezbollah")),
    ],
)
def test_roles_a_holder_s_standing_keeps_the_head_title(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # a counterpart is an official of the state its demonym or possessive names
        ("Chile's foreign minister Rosa Ibarra met her Peruvian counterpart Dana Levi in Lima.",
         ("dana-levi", "officialOf", "peru"), ("dana-levi", "officialOf", "chile")),
    ],
)
def test_roles_a_counterpart_is_an_official(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # a director general heads the body
        ("Omar Farid, Director General of the International Atomic Energy Agency, visited Tehran.",
         ("omar-farid", "leads", "iaea"), ("omar-farid", "officialOf", "iaea")),
        # a title coordinated after another that names its own scope keeps it
        ("Chilean President Rosa Ibarra and Secretary of State Dana Levi presided at a ceremony in Lima.",
         None, ("dana-levi", "officialOf", "chile")),
        # ... as does one whose possessive names its own owner
        ("At the summit, Chilean President Rosa Ibarra and her Deputy Defence Minister Tomas Lindqvist met a"
         " former commander of the group.", None, ("tomas-lindqvist", "officialOf", "chile")),
    ],
)
def test_roles_directors_general_and_titles_of_their_own_scope(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)
