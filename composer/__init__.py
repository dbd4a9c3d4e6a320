"""Newsletter Composer: compose, check and export an email newsletter."""

__version__ = "0.1.0"
