"""The limits that keep one bad file from stalling or sinking a build; each skip they cause is reported."""

MAX_BYTES = 20_000_000  # per file: a news article is rarely over 200 KB; a bigger file is an export or a dump
TIME_BUDGET = 60.0  # seconds per article; a normal article takes well under one
PART_CHARS = 50_000  # spaCy refuses texts over nlp.max_length and needs ~1 GB per 100,000 characters
# A "sentence" this long is a table, a list or run-on scrape; the parse of it is not to be trusted,
# and the syntax walks over it would cost far more than the claims it could give.
LONGEST_SENTENCE = 300
# PDF: a report has tens or hundreds of pages; thousands, or streams that inflate to gigabytes,
# are a broken or hostile file that would stall the build
MAX_PDF_PAGES = 2_000
MAX_PDF_INFLATED = 200_000_000  # bytes, all streams but images (text is read without decoding those)
