"""From all stored documents to applicants: linking, completeness, checks. Pure functions."""

from pipeline.assembly.assemble import assemble

__all__ = ["assemble"]
