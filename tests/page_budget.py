"""The first-paint budget lives in quizbank/budget.py (the site command checks it too): the names the tests and benchmarks import."""

from quizbank.budget import BUDGET, GZIP_LEVEL, TCP_SEGMENT_SIZE, TWO_ROUND_TRIPS, Weight, gzip_size, page_weights

__all__ = ["BUDGET", "GZIP_LEVEL", "TCP_SEGMENT_SIZE", "TWO_ROUND_TRIPS", "Weight", "gzip_size", "page_weights"]
