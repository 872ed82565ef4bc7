"""Certified-copy checks: 此件与原件相符, the handler's signature and the unit's seal on each
page of a photocopy, each present, absent or unsure, with a confidence and where it was seen."""

from pipeline.certify.verdict import check_page, combine, strongest_marks

__all__ = ["check_page", "combine", "strongest_marks"]
