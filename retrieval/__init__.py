"""Retrieval: reads an index artifact and finds the passages that answer a question."""

from retrieval.retriever import Filters, Hit, Retriever

__all__ = ["Filters", "Hit", "Retriever"]
