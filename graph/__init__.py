"""Duikou: a knowledge graph of China's paired-assistance programmes, read from news text.

Data flows one way: text → sentences → mentions → entities → relations (``extract``) → RDF
(``rdf``) → queries, the networkx view and the explorer page.  Heavy libraries (the NER model,
pyvis, pyshacl) are imported only by the module that needs them, so ``import graph`` stays fast.
"""

__version__ = "0.1.0"
