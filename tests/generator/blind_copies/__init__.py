"""A third generator of certified-copy pages, written blind from a description of real certified
copies (see README.md): `blind_cases(count, seed)` and `write_cases(cases, folder)`."""

from tests.generator.blind_copies.cases import Case, Truth, blind_cases, write_cases

__all__ = ["Case", "Truth", "blind_cases", "write_cases"]
