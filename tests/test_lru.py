"""The bounded cache behind question vectors and finished answers."""

from __future__ import annotations

from retrieval.lru import LRUCache


def test_the_least_recently_used_item_goes_first():
    cache: LRUCache[str, int] = LRUCache(size=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recently used
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3 and len(cache) == 2


def test_a_cache_of_size_zero_keeps_nothing():
    cache: LRUCache[str, int] = LRUCache(size=0)
    cache.put("a", 1)
    assert cache.get("a") is None and len(cache) == 0


def test_clear_empties_the_cache():
    cache: LRUCache[str, int] = LRUCache(size=2)
    cache.put("a", 1)
    cache.clear()
    assert cache.get("a") is None and len(cache) == 0
