"""The learned judge of claims: features of a claim, labels from labelled articles, a model as data.

- ``features``: what kg knows about a claim, as named features;
- ``loose``: a loose reader proposing more claims for the judge to sort;
- ``judge``: the model (JSON weights) and its use in a build: a dot product and a sigmoid;
- ``collect``: a labelled folder's articles read as a build reads them, each claim with its features;
- ``align``: labels, from the gold facts a claim's (subject, relation, object) matches;
- ``train``: fitting the model and choosing its threshold by cross-validation over themes.
"""
