"""The limits that keep one bad file from stalling or sinking a build; each skip they cause is reported."""

MAX_BYTES = 20_000_000  # per file: a news article is rarely over 200 KB; a bigger file is an export or a dump
TIME_BUDGET = 60.0  # seconds per article; a normal article takes well under one
PART_CHARS = 50_000  # spaCy refuses texts over nlp.max_length and needs ~1 GB per 100,000 characters
# A "sentence" this long is a table, a list or run-on scrape; the parse of it is not to be trusted,
# and the syntax walks over it would cost far more than the claims it could give.
LONGEST_SENTENCE = 300
