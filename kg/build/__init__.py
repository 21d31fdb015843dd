"""Build: the staged build of a graph from a corpus.

``pipeline`` runs the stages: load, parse and mentions per article (``parse``, in
worker processes), entity resolution across articles (here), claims per article
(``read_claims``, in workers), then the graph; ``runners`` and ``distributed`` say
where the per-article tasks run, and ``cache`` keeps their results between builds.
"""
