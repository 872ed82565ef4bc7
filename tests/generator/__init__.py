"""Realistic test-data generator for the Liangping 技能大师工作室 intake product.

    from tests.generator import make_sample_set
    truth = make_sample_set("/tmp/sample", units=6, seed=1, scans=True, layout="folders")
"""
from .package import (DEFECTS, REQUIRED, SampleTruth, UnitSpec, UnitTruth, load_truth, make_package,
                      make_sample_set)

__all__ = ["DEFECTS", "REQUIRED", "SampleTruth", "UnitSpec", "UnitTruth", "load_truth", "make_package", "make_sample_set"]
